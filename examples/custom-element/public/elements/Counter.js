// A custom element: a counter that updates its own props, calls an action and sends a message.
// See docs/custom-elements.md.
export default function render({ root, props, updateProps, callAction, sendMessage }) {
  const count = Number(props.count ?? 0);
  root.replaceChildren();
  const label = document.createElement("span");
  label.className = "counter-value";
  label.textContent = `Count: ${count}`;
  const plus = button("counter-increment", "+1", () => updateProps({ count: count + 1 }));
  const report = button("counter-report", "Report", () =>
    callAction({ name: "counter_report", payload: { count } }),
  );
  const say = button("counter-say", "Say it", () => sendMessage(`The count is ${count}`));
  root.append(label, plus, report, say);
}

function button(id, text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.id = id;
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}
