// Browser code of the phone page, kept as plain ES2020 in a string so the page has no build step.
// Every piece of user text goes through textContent, never innerHTML.
export const PHONE_PAGE_SCRIPT = String.raw`
(() => {
  const LABELS = {
    en: { intro: 'Pretend to be a customer. Who are you?', name: 'Your name', number: 'Your phone number',
      start: 'Start chat', send: 'Send', placeholder: 'Type a message', reset: 'Switch customer',
      empty: 'Say hello to start the conversation.', online: 'business account', attach: 'Attach a photo or document',
      voice: 'Send a voice note (audio file)', location: 'Share a location', shareLocation: 'Share',
      react: 'React 👍', reply: 'Reply', replyingTo: 'Replying to: ' },
    es: { intro: 'Hazte pasar por un cliente. ¿Quién eres?', name: 'Tu nombre', number: 'Tu número de teléfono',
      start: 'Iniciar chat', send: 'Enviar', placeholder: 'Escribe un mensaje', reset: 'Cambiar de cliente',
      empty: 'Saluda para empezar la conversación.', online: 'cuenta de empresa', attach: 'Adjuntar foto o documento',
      voice: 'Enviar nota de voz (archivo de audio)', location: 'Compartir ubicación', shareLocation: 'Compartir',
      react: 'Reaccionar 👍', reply: 'Responder', replyingTo: 'Respondiendo a: ' },
  };
  const lang = (navigator.language || 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
  const t = LABELS[lang];
  document.documentElement.lang = lang;
  const $ = (id) => document.getElementById(id);
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
  $('phone-attach-label').title = t.attach;
  $('phone-voice-label').title = t.voice;
  $('phone-location').title = t.location;
  $('phone-location-send').textContent = t.shareLocation;

  function randomMexicanNumber() {
    let digits = '';
    for (let i = 0; i < 8; i += 1) digits += Math.floor(Math.random() * 10);
    return '+52 55 ' + digits.slice(0, 4) + ' ' + digits.slice(4);
  }

  function showSetup() {
    $('phone-setup').style.display = 'flex';
    $('phone-chat').style.display = 'none';
    $('phone-reset').hidden = true;
    $('phone-number').value = randomMexicanNumber();
    if (pollTimer) clearInterval(pollTimer);
  }

  function showChat() {
    $('phone-setup').style.display = 'none';
    $('phone-chat').style.display = 'flex';
    $('phone-reset').hidden = false;
    $('phone-subtitle').textContent = identity.name + ' · +' + identity.waId;
    lastRendered = '';
    refresh();
    pollTimer = setInterval(refresh, 1000);
    $('phone-input').focus();
  }

  function formatTime(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function render(messages) {
    // The customer never receives messages Meta failed to deliver.
    const visible = messages.filter((m) => m.status !== 'failed');
    const signature = JSON.stringify(visible.map((m) => [m.wamid, m.status, m.text]));
    if (signature === lastRendered) return;
    const isFirstRender = lastRendered === '';
    lastRendered = signature;
    const list = $('phone-messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren();
    if (visible.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = t.empty;
      list.append(empty);
    }
    for (const m of visible) list.append(renderBubble(m));
    if (atBottom || isFirstRender) list.scrollTop = list.scrollHeight;
  }

  function renderBubble(m) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.setAttribute('data-testid', 'phone-message');
    bubble.dataset.from = m.from;
    bubble.dataset.wamid = m.wamid;
    bubble.dataset.type = m.type;
    // The time is drawn by CSS from data-time so the bubble's text is the message (plus its actions).
    bubble.dataset.time = formatTime(m.timestamp);
    if (m.mediaId && (m.type === 'image' || m.type === 'sticker')) {
      const img = document.createElement('img');
      img.className = 'thumb';
      img.alt = m.text;
      img.src = '/_sim/media/' + encodeURIComponent(m.mediaId) + '/preview';
      bubble.append(img);
    }
    const text = document.createElement('span');
    text.textContent = m.text;
    bubble.append(text);
    if (m.from === 'business') {
      const actions = document.createElement('div');
      actions.className = 'actions';
      actions.append(
        actionButton('👍', t.react, 'phone-react', () => sendMessage({ type: 'reaction', reaction: { message_id: m.wamid, emoji: '👍' } })),
        actionButton('↩', t.reply, 'phone-reply', () => startReply(m)),
      );
      bubble.append(actions);
    }
    return bubble;
  }

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
      showError((data && data.error && data.error.message) || 'HTTP ' + res.status);
    }
    refresh();
    return res.ok;
  }

  function sendMessage(message) {
    return post({ message });
  }

  const AUDIO_TYPES = { ogg: 'audio/ogg', opus: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', amr: 'audio/amr' };

  function guessMimeType(file) {
    if (file.type) return file.type;
    const ext = (file.name.split('.').pop() || '').toLowerCase();
    return AUDIO_TYPES[ext] || 'application/octet-stream';
  }

  function readBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  async function sendFile(input, asVoice) {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    const mimeType = guessMimeType(file);
    const media = { base64: await readBase64(file), mimeType: mimeType, filename: file.name };
    const caption = $('phone-input').value.trim();
    let message;
    if (asVoice) message = { type: 'audio', audio: { voice: true } };
    else if (mimeType.startsWith('image/')) message = { type: 'image', image: caption ? { caption } : {} };
    else message = { type: 'document', document: caption ? { caption } : {} };
    if (replyTo) message.context = { id: replyTo };
    if (await post({ message, media })) {
      if (!asVoice && caption) $('phone-input').value = '';
      stopReply();
    }
  }

  async function refresh() {
    if (!identity) return;
    try {
      const res = await fetch(base + identity.waId + '/chat');
      if (!res.ok) return;
      const { messages } = await res.json();
      render(messages);
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

  $('phone-attach').addEventListener('change', () => sendFile($('phone-attach'), false));
  $('phone-voice').addEventListener('change', () => sendFile($('phone-voice'), true));
  $('phone-reply-cancel').addEventListener('click', stopReply);
  $('phone-location').addEventListener('click', () => {
    const form = $('phone-location-form');
    form.style.display = form.style.display === 'flex' ? 'none' : 'flex';
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

  $('phone-reset').addEventListener('click', () => {
    localStorage.removeItem(storageKey);
    identity = null;
    showSetup();
  });

  document.addEventListener('visibilitychange', () => { if (identity) refresh(); });
  if (identity) showChat(); else showSetup();
})();
`;
