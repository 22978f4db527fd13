import { PHONE_PAGE_SCRIPT } from './phone-page-script';

type PhonePageInput = { phoneNumberId: string; businessName: string };

// JSON inside <script> must not be able to close the tag or open a comment.
function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained phone-like chat page for one simulated number (no framework, no external assets). */
export function renderPhonePage(input: PhonePageInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(input.businessName)} · WhatsApp simulator</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #d1d7db;
    display: flex; justify-content: center; min-height: 100vh; }
  .phone { width: 100%; max-width: 420px; height: 100vh; display: flex; flex-direction: column; background: #efeae2; }
  header { background: #008069; color: #fff; padding: 12px 16px; display: flex; align-items: center; gap: 12px; }
  .avatar { width: 36px; height: 36px; border-radius: 50%; background: #dfe5e7; color: #54656f; display: grid;
    place-items: center; font-weight: 600; }
  header h1 { font-size: 16px; margin: 0; font-weight: 600; }
  header small { opacity: .85; font-size: 12px; }
  header button { margin-left: auto; background: none; border: 0; color: #fff; cursor: pointer; font-size: 12px; }
  #phone-setup { padding: 24px; display: flex; flex-direction: column; gap: 12px; background: #fff; flex: 1; }
  #phone-setup label { font-size: 13px; color: #54656f; display: flex; flex-direction: column; gap: 4px; }
  input { font: inherit; padding: 10px 12px; border: 1px solid #d1d7db; border-radius: 8px; }
  .primary { background: #008069; color: #fff; border: 0; border-radius: 20px; padding: 10px 16px; font: inherit;
    cursor: pointer; }
  #phone-chat { flex: 1; display: none; flex-direction: column; min-height: 0; }
  #phone-messages { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 4px; }
  .bubble { max-width: 80%; padding: 6px 8px 4px; border-radius: 8px; box-shadow: 0 1px .5px rgba(11,20,26,.13);
    white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; }
  .bubble[data-from="customer"] { align-self: flex-end; background: #d9fdd3; }
  .bubble[data-from="business"] { align-self: flex-start; background: #fff; }
  .bubble::after { content: attr(data-time); display: block; text-align: right; font-size: 11px; color: #667781;
    margin-top: 2px; }
  form.composer { display: flex; gap: 8px; padding: 8px; background: #f0f2f5; }
  form.composer input { flex: 1; border-radius: 20px; border: 0; }
  .empty { text-align: center; color: #667781; font-size: 13px; margin-top: 24px; }
</style>
</head>
<body>
<div class="phone">
  <header>
    <div class="avatar" id="phone-avatar"></div>
    <div><h1 id="phone-business"></h1><small id="phone-subtitle"></small></div>
    <button type="button" id="phone-reset" hidden></button>
  </header>
  <form id="phone-setup">
    <p id="phone-intro"></p>
    <label><span id="phone-name-label"></span><input id="phone-name" data-testid="phone-name" autocomplete="name" required></label>
    <label><span id="phone-number-label"></span><input id="phone-number" data-testid="phone-number" inputmode="tel" required></label>
    <button class="primary" id="phone-start" data-testid="phone-start" type="submit"></button>
  </form>
  <div id="phone-chat">
    <div id="phone-messages" aria-live="polite"></div>
    <form class="composer" id="phone-composer">
      <input id="phone-input" data-testid="phone-input" autocomplete="off">
      <button class="primary" id="phone-send" data-testid="phone-send" type="submit"></button>
    </form>
  </div>
</div>
<script>
const CONFIG = ${toScriptJson(input)};
${PHONE_PAGE_SCRIPT}
</script>
</body>
</html>`;
}
