// Browser code of the phone page, kept as plain ES2020 in a string so the page has no build step.
// Every piece of user text goes through textContent, never innerHTML.
export const PHONE_PAGE_SCRIPT = String.raw`
(() => {
  const LABELS = {
    en: { intro: 'Pretend to be a customer. Who are you?', name: 'Your name', number: 'Your phone number',
      start: 'Start chat', send: 'Send', placeholder: 'Type a message', reset: 'Switch customer',
      empty: 'Say hello to start the conversation.', online: 'business account',
      attach: 'Attach a photo, video or document', voice: 'Send a voice note (audio file)',
      location: 'Share a location', shareLocation: 'Share', more: 'More: video, audio file, sticker, contact',
      video: 'Send a video (MP4 or 3GP)', audioFile: 'Send an audio file (not a voice note)',
      sticker: 'Send a sticker (WebP)', contact: 'Share a contact', shareContact: 'Share contact',
      react: 'React 👍', reply: 'Reply', replyingTo: 'Replying to: ', typing: 'typing…', play: 'Play voice note',
      download: 'Download', chooseOne: 'Choose one', stopPromos: '🔕 Stop promotions',
      resumePromos: '🔔 Resume promotions', copyCode: 'Copy code', headerVideo: '🎬 Video', headerDocument: '📄 Document' },
    es: { intro: 'Hazte pasar por un cliente. ¿Quién eres?', name: 'Tu nombre', number: 'Tu número de teléfono',
      start: 'Iniciar chat', send: 'Enviar', placeholder: 'Escribe un mensaje', reset: 'Cambiar de cliente',
      empty: 'Saluda para empezar la conversación.', online: 'cuenta de empresa',
      attach: 'Adjuntar foto, video o documento', voice: 'Enviar nota de voz (archivo de audio)',
      location: 'Compartir ubicación', shareLocation: 'Compartir', more: 'Más: video, audio, sticker, contacto',
      video: 'Enviar video (MP4 o 3GP)', audioFile: 'Enviar archivo de audio (no nota de voz)',
      sticker: 'Enviar sticker (WebP)', contact: 'Compartir contacto', shareContact: 'Compartir contacto',
      react: 'Reaccionar 👍', reply: 'Responder', replyingTo: 'Respondiendo a: ', typing: 'escribiendo…',
      play: 'Reproducir nota de voz', download: 'Descargar', chooseOne: 'Elige una opción',
      stopPromos: '🔕 Detener promociones', resumePromos: '🔔 Reanudar promociones', copyCode: 'Copiar código',
      headerVideo: '🎬 Video', headerDocument: '📄 Documento' },
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

  function formatTime(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function render(messages) {
    // The customer never receives messages Meta failed to deliver or dropped.
    const delivered = messages.filter((m) => m.status !== 'failed' && !m.dropped);
    // A business reaction is drawn on the bubble it reacts to; an empty emoji removes it.
    const reactions = {};
    for (const m of delivered) {
      if (m.from === 'business' && m.type === 'reaction' && m.content) reactions[m.content.message_id] = m.content.emoji;
    }
    const visible = delivered.filter((m) => !(m.from === 'business' && m.type === 'reaction'));
    const byWamid = {};
    for (const m of visible) byWamid[m.wamid] = m;
    const signature = JSON.stringify([visible.map((m) => [m.wamid, m.status, m.text, m.mediaId]), reactions]);
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
    for (const m of visible) list.append(renderBubble(m, byWamid[m.replyTo], reactions[m.wamid]));
    if (atBottom || isFirstRender) list.scrollTop = list.scrollHeight;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function mediaUrl(m, kind) {
    return '/_sim/media/' + encodeURIComponent(m.mediaId) + '/' + kind;
  }

  function isHttpUrl(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url);
  }

  // Business messages: everything §2 can send, drawn from the payload as sent.
  function renderContent(bubble, m) {
    const c = m.content || {};
    if (m.mediaId && (m.type === 'video' || m.type === 'document' || (m.type === 'audio' && !c.voice))) {
      const link = el('a', 'download', '⬇ ' + t.download);
      link.href = mediaUrl(m, 'file');
      link.setAttribute('download', c.filename || '');
      link.setAttribute('data-testid', 'phone-download');
      bubble.append(link);
    }
    if (m.type === 'audio' && c.voice) {
      const play = actionButton('▶', t.play, 'phone-play', async () => {
        if (m.mediaId) new Audio(mediaUrl(m, 'file')).play().catch(() => undefined);
        await fetch(base + identity.waId + '/played', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ wamid: m.wamid }),
        });
        refresh();
      });
      play.className = 'play';
      bubble.append(play);
    }
    if (m.type === 'location') {
      bubble.append(el('div', 'meta', c.latitude + ', ' + c.longitude + (c.address ? ' · ' + c.address : '')));
    }
    if (m.type === 'contacts' && Array.isArray(c)) {
      for (const card of c) {
        const box = el('div', 'card');
        box.setAttribute('data-testid', 'phone-contact');
        box.append(el('strong', '', (card.name && card.name.formatted_name) || ''));
        for (const phone of card.phones || []) box.append(el('div', 'meta', phone.phone || phone.wa_id || ''));
        bubble.append(box);
      }
    }
    if (m.type === 'interactive') renderInteractive(bubble, m, c);
    if (m.type === 'template' && c.rendered) renderTemplate(bubble, m, c.rendered);
  }

  // A template as the customer sees it: header, body (already filled in), footer, buttons (§2.9).
  function renderTemplate(bubble, m, r) {
    const header = r.header;
    if (header && header.format === 'TEXT' && header.text) bubble.prepend(el('strong', 'header', header.text));
    if (header && header.format === 'LOCATION') bubble.prepend(el('div', 'meta', '📍 ' + (header.text || '')));
    if (header && header.media) {
      const src = header.media.id ? '/_sim/media/' + encodeURIComponent(header.media.id) + '/preview' : header.media.link;
      if (header.format === 'IMAGE' && (header.media.id || isHttpUrl(src))) {
        const img = document.createElement('img');
        img.className = 'thumb';
        img.alt = '';
        img.src = src;
        bubble.prepend(img);
      } else {
        bubble.prepend(el('div', 'meta', header.format === 'DOCUMENT' ? t.headerDocument : t.headerVideo));
      }
    }
    if (r.footer) bubble.append(el('div', 'meta', r.footer));
    const row = el('div', 'choices');
    for (const b of r.buttons || []) {
      if (b.type === 'QUICK_REPLY') {
        row.append(choiceButton(b.text, 'phone-quick-reply', () =>
          sendMessage({ type: 'button', button: { payload: b.payload || b.text, text: b.text }, context: { id: m.wamid } })));
      } else if (b.type === 'URL' && isHttpUrl(b.url)) {
        const link = el('a', 'choice', '🔗 ' + b.text);
        link.href = b.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.setAttribute('data-testid', 'phone-template-url');
        row.append(link);
      } else if (b.type === 'PHONE_NUMBER') {
        const link = el('a', 'choice', '📞 ' + b.text);
        link.href = 'tel:' + String(b.phone_number || '').replace(/[^+\d]/g, '');
        row.append(link);
      } else if (b.type === 'COPY_CODE') {
        row.append(choiceButton('📋 ' + t.copyCode + ': ' + b.code, 'phone-copy-code', () => {
          if (navigator.clipboard) navigator.clipboard.writeText(String(b.code)).catch(() => undefined);
        }));
      }
    }
    if (row.childElementCount > 0) bubble.append(row);
  }

  function renderInteractive(bubble, m, c) {
    if (c.header && c.header.type === 'text') bubble.prepend(el('strong', 'header', c.header.text));
    if (c.footer && c.footer.text) bubble.append(el('div', 'meta', c.footer.text));
    const action = c.action || {};
    if (c.type === 'button') {
      const row = el('div', 'choices');
      for (const b of action.buttons || []) {
        const reply = b.reply || {};
        row.append(choiceButton(reply.title, 'phone-button', () =>
          sendMessage({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: reply.id, title: reply.title } }, context: { id: m.wamid } })));
      }
      bubble.append(row);
    }
    if (c.type === 'list') {
      const picker = el('div', 'picker');
      picker.hidden = true;
      picker.append(el('div', 'meta', t.chooseOne));
      for (const section of action.sections || []) {
        if (section.title) picker.append(el('div', 'section', section.title));
        for (const r of section.rows || []) {
          const rowButton = choiceButton(r.title, 'phone-list-row', () => {
            const listReply = { id: r.id, title: r.title };
            if (r.description) listReply.description = r.description;
            picker.hidden = true;
            sendMessage({ type: 'interactive', interactive: { type: 'list_reply', list_reply: listReply }, context: { id: m.wamid } });
          });
          if (r.description) rowButton.append(el('small', '', r.description));
          picker.append(rowButton);
        }
      }
      bubble.append(choiceButton('☰ ' + (action.button || ''), 'phone-list-open', () => { picker.hidden = !picker.hidden; }), picker);
    }
    if (c.type === 'cta_url' && action.parameters && isHttpUrl(action.parameters.url)) {
      const link = el('a', 'choice', '🔗 ' + action.parameters.display_text);
      link.href = action.parameters.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.setAttribute('data-testid', 'phone-cta');
      bubble.append(link);
    }
  }

  function choiceButton(label, testId, onClick) {
    const button = el('button', 'choice', label);
    button.type = 'button';
    button.setAttribute('data-testid', testId);
    button.addEventListener('click', onClick);
    return button;
  }

  function renderBubble(m, quoted, reaction) {
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
    if (quoted) {
      const quote = el('div', 'quote', quoted.text);
      quote.setAttribute('data-testid', 'phone-quote');
      bubble.prepend(quote);
    }
    const text = document.createElement('span');
    text.textContent = m.text;
    bubble.append(text);
    if (m.from === 'business') renderContent(bubble, m);
    if (reaction) {
      const badge = el('span', 'reaction', reaction);
      badge.setAttribute('data-testid', 'phone-reaction');
      bubble.append(badge);
    }
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
