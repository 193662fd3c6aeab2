/** The widget's CSS, inside its shadow root: the host page's styles never reach it, nor it theirs. */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
.root{--bg:#fff;--fg:#1a1a1a;--muted:#666;--line:#e3e3e3;--accent:#f80061;--bubble:#f2f2f2;color:var(--fg);font-size:14px;line-height:1.45}
.root.dark{--bg:#1d1d1f;--fg:#eee;--muted:#aaa;--line:#3a3a3c;--bubble:#2c2c2e}
#edgelit-copilot-button{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;background:var(--accent);color:#fff;font-size:24px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.left #edgelit-copilot-button{right:auto;left:20px}
#edgelit-copilot{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:min(400px,calc(100vw - 40px));height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;background:var(--bg);border:1px solid var(--line);border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.2);overflow:hidden}
.left #edgelit-copilot{right:auto;left:20px}
#edgelit-copilot[hidden]{display:none}
header{display:flex;align-items:center;gap:8px;padding:10px 12px;border-bottom:1px solid var(--line);font-weight:600}
header .title{flex:1}
header button,.actions button,.ask button{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:6px;padding:3px 8px;cursor:pointer;font-size:13px}
.messages{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px}
.step{white-space:pre-wrap;overflow-wrap:anywhere}
.step.user_message{align-self:flex-end;background:var(--bubble);border-radius:12px;padding:6px 10px;max-width:85%}
.step.error{color:#c0392b}
.step.notice{color:var(--muted);font-style:italic}
details.step{border-left:2px solid var(--line);padding-left:8px;color:var(--muted);font-size:13px}
pre{background:var(--bubble);padding:8px;border-radius:6px;overflow-x:auto;white-space:pre}
code{font-family:ui-monospace,monospace;font-size:12.5px}
.actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.element{font-size:13px;color:var(--muted)}
.status{padding:4px 12px;font-size:12px;color:var(--muted)}
.status:empty{display:none}
form{display:flex;gap:6px;padding:10px;border-top:1px solid var(--line)}
textarea{flex:1;resize:none;height:38px;border:1px solid var(--line);border-radius:8px;padding:8px;background:var(--bg);color:var(--fg);font-size:14px}
form button{border:0;border-radius:8px;background:var(--accent);color:#fff;padding:0 14px;cursor:pointer}
form button:disabled{opacity:.5;cursor:default}
.loading{color:var(--muted)}
`;
