/**
 * Elements: inline text, image (an app public file), file, dataframe and plotly; a side and a
 * page element linked from the message text by name; a task list updated in place ("tasks");
 * an element removed later ("remove").
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  const file = new cl.File({
    name: "hello.txt",
    content: "Hello from a file.",
    mime: "text/plain",
  });
  cl.userSession.set("file", file);
  await new cl.Message({
    content: "Here are some elements. Open the notes or read the report.",
    elements: [
      new cl.Text({ name: "snippet", content: "const answer = 42;", language: "ts" }),
      new cl.Image({ name: "logo", url: "/public/logo.svg", size: "small" }),
      file,
      new cl.Dataframe({
        name: "table",
        content: JSON.stringify({
          columns: ["city", "people"],
          data: [
            ["Paris", 2.1],
            ["Lyon", 0.5],
          ],
        }),
      }),
      new cl.Plotly({
        name: "chart",
        content: JSON.stringify({
          data: [{ x: [1, 2, 3], y: [2, 1, 3], type: "scatter" }],
          layout: {},
        }),
      }),
      new cl.Text({
        name: "notes",
        content: "These notes open in the side panel.",
        display: "side",
      }),
      new cl.Text({ name: "report", content: "# Report\nA full page element.", display: "page" }),
    ],
  }).send();
});

cl.onMessage(async (message) => {
  if (message.content === "remove") {
    await (cl.userSession.get("file") as cl.File).remove();
    await new cl.Message("The file was removed.").send();
    return;
  }
  if (message.content === "tasks") {
    const list = new cl.TaskList();
    const fetch = list.addTask({ title: "Fetch data", status: cl.TaskStatus.RUNNING });
    const write = list.addTask({ title: "Write answer" });
    await list.send();
    await cl.sleep(0.5);
    fetch.status = cl.TaskStatus.DONE;
    write.status = cl.TaskStatus.FAILED;
    list.status = "Done";
    await list.send();
    await new cl.Message("Tasks finished.").send();
    return;
  }
  await new cl.Message(`You said: ${message.content}`).send();
});
