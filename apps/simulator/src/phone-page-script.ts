// Browser code of the phone page, kept as plain ES2020 in a string so the page has no build step.
// Every piece of user text goes through textContent, never innerHTML. The bubbles are drawn by
// PHONE_PAGE_RENDER_SCRIPT, joined into the same scope.
import { PHONE_LABELS } from './phone-page-labels';
import { PHONE_PAGE_RENDER_SCRIPT } from './phone-page-render-script';

export const PHONE_PAGE_SCRIPT = String.raw`
(() => {
  const LABELS = ${JSON.stringify(PHONE_LABELS)};
  const langKey = 'charla-sim-phone:lang';
  // ?lang= first, then the toggle's last choice, then the browser's languages in order (es-* is
  // Spanish), and Spanish when none of them is Spanish or English, like Charla itself.
  function pickLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'es' || asked === 'en') return asked;
    const chosen = localStorage.getItem(langKey);
    if (chosen === 'es' || chosen === 'en') return chosen;
    for (const language of navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']) {
      const base = String(language).toLowerCase().split('-')[0];
      if (base === 'es' || base === 'en') return base;
    }
    return 'es';
  }
  const lang = pickLanguage();
  const t = LABELS[lang];
  document.documentElement.lang = lang;
  const $ = (id) => document.getElementById(id);
  document.title = CONFIG.businessName + ' · ' + t.title;
  $('phone-lang').textContent = t.switchLanguage;
  $('phone-lang').title = t.switchLanguageHint;
  $('phone-lang').setAttribute('aria-label', t.switchLanguageHint);
  $('phone-lang').lang = lang === 'es' ? 'en' : 'es';
  $('phone-lang').addEventListener('click', () => {
    localStorage.setItem(langKey, lang === 'es' ? 'en' : 'es');
    const url = new URL(location.href);
    url.searchParams.delete('lang');
    location.replace(url.href);
  });
  $('phone-lat').setAttribute('aria-label', t.latitude);
  $('phone-lng').setAttribute('aria-label', t.longitude);
  $('phone-place').setAttribute('aria-label', t.placeName);
  $('phone-contact-name').setAttribute('aria-label', t.contactName);
  $('phone-contact-phone').setAttribute('aria-label', t.contactPhone);
  $('phone-reply-cancel').setAttribute('aria-label', t.cancelReply);
  const storageKey = 'charla-sim-phone:' + CONFIG.phoneNumberId;
  const base = '/_sim/numbers/' + encodeURIComponent(CONFIG.phoneNumberId) + '/customers/';
  let identity = JSON.parse(localStorage.getItem(storageKey) || 'null');
  let lastRendered = '';
  let pollTimer = null;
  let replyTo = null;

  $('phone-business').textContent = CONFIG.businessName;
  $('phone-avatar').textContent = (CONFIG.businessName.trim()[0] || '?').toUpperCase();
  $('phone-subtitle').textContent = t.online;
  $('phone-intro').textContent = t.intro;
  $('phone-name-label').textContent = t.name;
  $('phone-number-label').textContent = t.number;
  $('phone-start').textContent = t.start;
  $('phone-send').textContent = t.send;
  $('phone-input').placeholder = t.placeholder;
  $('phone-reset').textContent = t.reset;
  let marketingStopped = false;
  function showMarketing() {
    $('phone-marketing').textContent = marketingStopped ? t.resumePromos : t.stopPromos;
  }
  $('phone-attach-label').title = t.attach;
  $('phone-voice-label').title = t.voice;
  $('phone-location').title = t.location;
  $('phone-location-send').textContent = t.shareLocation;
  $('phone-more').title = t.more;
  $('phone-video-label').title = t.video;
  $('phone-audio-label').title = t.audioFile;
  $('phone-sticker-label').title = t.sticker;
  $('phone-contact-open').title = t.contact;
  $('phone-contact-send').textContent = t.shareContact;

  function randomMexicanNumber() {
    let digits = '';
    for (let i = 0; i < 8; i += 1) digits += Math.floor(Math.random() * 10);
    return '+52 55 ' + digits.slice(0, 4) + ' ' + digits.slice(4);
  }

  function showSetup() {
    $('phone-setup').style.display = 'flex';
    $('phone-chat').style.display = 'none';
    $('phone-reset').hidden = true;
    $('phone-marketing').hidden = true;
    $('phone-number').value = randomMexicanNumber();
    if (pollTimer) clearInterval(pollTimer);
  }

  function showChat() {
    $('phone-setup').style.display = 'none';
    $('phone-chat').style.display = 'flex';
    $('phone-reset').hidden = false;
    $('phone-marketing').hidden = false;
    $('phone-subtitle').textContent = identity.name + ' · +' + identity.waId;
    lastRendered = '';
    refresh();
    pollTimer = setInterval(refresh, 1000);
    $('phone-input').focus();
  }

${PHONE_PAGE_RENDER_SCRIPT}
  function actionButton(label, title, testId, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.title = title;
    button.setAttribute('aria-label', title);
    button.setAttribute('data-testid', testId);
    button.addEventListener('click', onClick);
    return button;
  }

  function startReply(m) {
    replyTo = m.wamid;
    $('phone-replying-text').textContent = t.replyingTo + m.text;
    $('phone-replying').hidden = false;
    $('phone-input').focus();
  }

  function stopReply() {
    replyTo = null;
    $('phone-replying').hidden = true;
  }

  function showError(message) {
    $('phone-error').textContent = message || '';
    $('phone-error').hidden = !message;
  }

  // Posts to the simulator's customer API; a 400 (wrong file type, too big…) is shown, not thrown.
  async function post(body) {
    showError('');
    const res = await fetch(base + identity.waId + '/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.assign({ name: identity.name }, body)),
    });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      showError((data && data.error && data.error.message) || t.httpError.replace('{status}', String(res.status)));
    }
    refresh();
    return res.ok;
  }

  function sendMessage(message) {
    return post({ message });
  }

  // Browsers leave file.type empty for some of these, so the extension decides.
  const TYPES_BY_EXT = { ogg: 'audio/ogg', opus: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac',
    amr: 'audio/amr', mp4: 'video/mp4', '3gp': 'video/3gpp', webp: 'image/webp' };

  function guessMimeType(file) {
    if (file.type) return file.type;
    const ext = (file.name.split('.').pop() || '').toLowerCase();
    return TYPES_BY_EXT[ext] || 'application/octet-stream';
  }

  function readBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  // kind: 'voice' | 'audio' | 'sticker' | 'video', or null to decide from the file (photo, video, document).
  async function sendFile(input, kind) {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    const mimeType = guessMimeType(file);
    const media = { base64: await readBase64(file), mimeType: mimeType, filename: file.name };
    const type = kind === 'voice' ? 'audio'
      : kind || (mimeType.startsWith('image/') ? 'image' : mimeType.startsWith('video/') ? 'video' : 'document');
    // Only photos, videos and documents carry a caption; voice notes and stickers never do.
    const caption = type === 'image' || type === 'video' || type === 'document' ? $('phone-input').value.trim() : '';
    const payload = type === 'audio' ? { voice: kind === 'voice' } : caption ? { caption } : {};
    const message = { type, [type]: payload };
    if (replyTo) message.context = { id: replyTo };
    if (await post({ message, media })) {
      if (caption) $('phone-input').value = '';
      stopReply();
    }
  }

  async function refresh() {
    if (!identity) return;
    try {
      const res = await fetch(base + identity.waId + '/chat');
      if (!res.ok) return;
      const { messages, typing, marketingStopped: stopped } = await res.json();
      marketingStopped = stopped === true;
      showMarketing();
      render(messages);
      $('phone-subtitle').textContent = typing ? t.typing : identity.name + ' · +' + identity.waId;
      const unread = messages.some((m) => m.from === 'business' && (m.status === 'sent' || m.status === 'delivered' || m.status === 'accepted'));
      // Blue ticks only while the customer is actually looking at the chat.
      if (unread && document.visibilityState === 'visible') await fetch(base + identity.waId + '/read', { method: 'POST' });
    } catch (error) {
      console.warn('simulator poll failed', error);
    }
  }

  $('phone-setup').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('phone-name').value.trim();
    const waId = $('phone-number').value.replace(/\D/g, '');
    if (!name || waId.length < 7 || waId.length > 15) return;
    identity = { name, waId };
    localStorage.setItem(storageKey, JSON.stringify(identity));
    showChat();
  });

  $('phone-composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('phone-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    if (replyTo) {
      const context = { id: replyTo };
      stopReply();
      await sendMessage({ type: 'text', text: { body: text }, context });
    } else {
      await post({ text });
    }
  });

  const pickers = { 'phone-attach': null, 'phone-voice': 'voice', 'phone-attach-video': 'video',
    'phone-audio-file': 'audio', 'phone-sticker': 'sticker' };
  for (const id of Object.keys(pickers)) $(id).addEventListener('change', () => sendFile($(id), pickers[id]));
  $('phone-reply-cancel').addEventListener('click', stopReply);
  $('phone-more').addEventListener('click', () => {
    $('phone-tray').hidden = !$('phone-tray').hidden;
    $('phone-more').setAttribute('aria-expanded', String(!$('phone-tray').hidden));
  });
  const toggle = (id) => { $(id).style.display = $(id).style.display === 'flex' ? 'none' : 'flex'; };
  $('phone-location').addEventListener('click', () => toggle('phone-location-form'));
  $('phone-contact-open').addEventListener('click', () => toggle('phone-contact-form'));
  $('phone-contact-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('phone-contact-name').value.trim();
    const phone = $('phone-contact-phone').value.trim();
    const digits = phone.replace(/\D/g, '');
    if (!name || !digits) return showError('A contact needs a name and a phone number');
    // A card from the address book: wa_id only when the number could be on WhatsApp.
    const isWhatsApp = digits.length >= 7 && digits.length <= 15;
    const card = { name: { formatted_name: name, first_name: name.split(' ')[0] },
      phones: [isWhatsApp ? { phone, wa_id: digits, type: 'CELL' } : { phone, type: 'CELL' }] };
    const message = { type: 'contacts', contacts: [card] };
    if (replyTo) message.context = { id: replyTo };
    if (await sendMessage(message)) {
      $('phone-contact-form').style.display = 'none';
      stopReply();
    }
  });
  $('phone-location-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const latitude = Number($('phone-lat').value);
    const longitude = Number($('phone-lng').value);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return showError('latitude/longitude must be numbers');
    const name = $('phone-place').value.trim();
    const location = name ? { latitude, longitude, name } : { latitude, longitude };
    if (await sendMessage({ type: 'location', location })) $('phone-location-form').style.display = 'none';
  });

  // Like WhatsApp's "Stop promotions": a user_preferences webhook, then marketing templates fail (131050).
  $('phone-marketing').addEventListener('click', async () => {
    const res = await fetch(base + identity.waId + '/marketing', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stopped: !marketingStopped }),
    });
    if (res.ok) {
      marketingStopped = (await res.json()).marketingStopped === true;
      showMarketing();
    }
  });

  $('phone-reset').addEventListener('click', () => {
    localStorage.removeItem(storageKey);
    identity = null;
    showSetup();
  });

  document.addEventListener('visibilitychange', () => { if (identity) refresh(); });
  if (identity) showChat(); else showSetup();
})();
`;
