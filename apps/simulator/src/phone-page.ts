import { PHONE_PAGE_SCRIPT } from './phone-page-script';

type PhonePageInput = { phoneNumberId: string; businessName: string };

const AUDIO_ACCEPT = 'audio/ogg,audio/mpeg,audio/mp4,audio/aac,audio/amr,.ogg,.opus,.mp3,.m4a,.aac,.amr';

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
<html lang="es">
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
  .avatar { flex-shrink: 0; width: 36px; height: 36px; border-radius: 50%; background: #dfe5e7; color: #54656f; display: grid;
    place-items: center; font-weight: 600; }
  header h1 { font-size: 16px; margin: 0; font-weight: 600; }
  header small { opacity: .85; font-size: 12px; }
  header button { margin-left: auto; background: none; border: 0; color: #fff; cursor: pointer; font-size: 12px; }
  header button + button { margin-left: 8px; }
  #phone-lang { border: 1px solid rgba(255,255,255,.6); border-radius: 12px; padding: 2px 8px; }
  #phone-reset[hidden] + #phone-lang { margin-left: auto; }
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
  form.composer input { flex: 1; min-width: 0; border-radius: 20px; border: 0; }
  .empty { text-align: center; color: #667781; font-size: 13px; margin-top: 24px; }
  .thumb { display: block; max-width: 100%; max-height: 240px; border-radius: 6px; margin-bottom: 4px; }
  .actions { display: flex; gap: 4px; margin-top: 2px; }
  .actions button, .tool { background: none; border: 0; cursor: pointer; font-size: 16px; padding: 2px 4px; }
  .tool { display: inline-flex; align-items: center; font-size: 20px; }
  .tool input[type=file] { display: none; }
  #phone-replying, #phone-error { padding: 6px 12px; font-size: 13px; background: #f0f2f5; color: #54656f; }
  #phone-error { color: #b42318; }
  #phone-location-form, #phone-contact-form { display: none; gap: 6px; padding: 8px; background: #f0f2f5;
    flex-wrap: wrap; }
  #phone-location-form input, #phone-contact-form input { width: 110px; padding: 6px 8px; }
  #phone-tray { display: flex; gap: 4px; padding: 4px 8px; background: #f0f2f5; }
  #phone-tray[hidden] { display: none; }
  .bubble { position: relative; }
  .quote { border-left: 3px solid #06cf9c; background: rgba(11,20,26,.05); padding: 4px 6px; border-radius: 4px;
    font-size: 12px; color: #54656f; margin-bottom: 4px; }
  .header { display: block; margin-bottom: 2px; }
  .meta { font-size: 12px; color: #667781; }
  .card { border-top: 1px solid #e9edef; padding-top: 4px; margin-top: 4px; }
  .choices { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .choice { display: block; width: 100%; text-align: center; background: #fff; color: #027eb5; border: 1px solid #e9edef;
    border-radius: 6px; padding: 6px; font: inherit; cursor: pointer; text-decoration: none; margin-top: 4px; }
  .choice small { display: block; color: #667781; font-size: 11px; }
  .picker { border-top: 1px solid #e9edef; margin-top: 4px; }
  .section { font-size: 12px; color: #008069; margin-top: 6px; }
  .download, .play { display: inline-block; margin-top: 4px; font-size: 13px; color: #027eb5; }
  .reaction { position: absolute; bottom: -10px; right: 6px; background: #fff; border-radius: 10px; padding: 0 4px;
    font-size: 13px; box-shadow: 0 1px 1px rgba(11,20,26,.2); }
</style>
</head>
<body>
<div class="phone">
  <header>
    <div class="avatar" id="phone-avatar"></div>
    <div><h1 id="phone-business"></h1><small id="phone-subtitle"></small></div>
    <button type="button" id="phone-marketing" data-testid="phone-marketing" hidden></button>
    <button type="button" id="phone-reset" hidden></button>
    <button type="button" id="phone-lang" data-testid="phone-lang"></button>
  </header>
  <form id="phone-setup">
    <p id="phone-intro"></p>
    <label><span id="phone-name-label"></span><input id="phone-name" data-testid="phone-name" autocomplete="name" required></label>
    <label><span id="phone-number-label"></span><input id="phone-number" data-testid="phone-number" inputmode="tel" required></label>
    <button class="primary" id="phone-start" data-testid="phone-start" type="submit"></button>
  </form>
  <div id="phone-chat">
    <div id="phone-messages" aria-live="polite"></div>
    <div id="phone-replying" data-testid="phone-replying" hidden><span id="phone-replying-text"></span>
      <button type="button" id="phone-reply-cancel">✕</button></div>
    <div id="phone-error" data-testid="phone-error" role="alert" hidden></div>
    <form id="phone-location-form">
      <input id="phone-lat" data-testid="phone-lat" inputmode="decimal" value="19.4326" >
      <input id="phone-lng" data-testid="phone-lng" inputmode="decimal" value="-99.1332" >
      <input id="phone-place" data-testid="phone-place" value="Zócalo, Ciudad de México">
      <button class="primary" type="submit" data-testid="phone-location-send" id="phone-location-send"></button>
    </form>
    <form id="phone-contact-form">
      <input id="phone-contact-name" data-testid="phone-contact-name" value="Chandler Bing">
      <input id="phone-contact-phone" data-testid="phone-contact-phone" inputmode="tel" value="+1 555-555-5555">
      <button class="primary" type="submit" data-testid="phone-contact-send" id="phone-contact-send"></button>
    </form>
    <div id="phone-tray" hidden>
      <label class="tool" id="phone-video-label">🎬<input type="file" id="phone-attach-video"
        data-testid="phone-attach-video" accept="video/mp4,video/3gpp,.mp4,.3gp"></label>
      <label class="tool" id="phone-audio-label">🎵<input type="file" id="phone-audio-file" data-testid="phone-audio-file"
        accept="${AUDIO_ACCEPT}"></label>
      <label class="tool" id="phone-sticker-label">💟<input type="file" id="phone-sticker" data-testid="phone-sticker"
        accept="image/webp,.webp"></label>
      <button type="button" class="tool" id="phone-contact-open" data-testid="phone-contact-open">👤</button>
    </div>
    <form class="composer" id="phone-composer">
      <button type="button" class="tool" id="phone-more" data-testid="phone-more" aria-expanded="false">➕</button>
      <label class="tool" id="phone-attach-label">📎<input type="file" id="phone-attach" data-testid="phone-attach"
        accept="image/jpeg,image/png,video/mp4,video/3gpp,application/pdf,text/plain,.doc,.docx,.xls,.xlsx,.ppt,.pptx"></label>
      <label class="tool" id="phone-voice-label">🎤<input type="file" id="phone-voice" data-testid="phone-voice"
        accept="${AUDIO_ACCEPT}"></label>
      <button type="button" class="tool" id="phone-location" data-testid="phone-location">📍</button>
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
