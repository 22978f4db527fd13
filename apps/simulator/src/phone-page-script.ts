// Browser code of the phone page, kept as plain ES2020 in a string so the page has no build step.
// Every piece of user text goes through textContent, never innerHTML.
export const PHONE_PAGE_SCRIPT = String.raw`
(() => {
  const LABELS = {
    en: { intro: 'Pretend to be a customer. Who are you?', name: 'Your name', number: 'Your phone number',
      start: 'Start chat', send: 'Send', placeholder: 'Type a message', reset: 'Switch customer',
      empty: 'Say hello to start the conversation.', online: 'business account' },
    es: { intro: 'Hazte pasar por un cliente. ¿Quién eres?', name: 'Tu nombre', number: 'Tu número de teléfono',
      start: 'Iniciar chat', send: 'Enviar', placeholder: 'Escribe un mensaje', reset: 'Cambiar de cliente',
      empty: 'Saluda para empezar la conversación.', online: 'cuenta de empresa' },
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
    const signature = JSON.stringify(visible.map((m) => [m.wamid, m.status]));
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
    for (const m of visible) {
      const bubble = document.createElement('div');
      bubble.className = 'bubble';
      bubble.setAttribute('data-testid', 'phone-message');
      bubble.dataset.from = m.from;
      bubble.dataset.wamid = m.wamid;
      // The time is drawn by CSS from data-time so the bubble's text is exactly the message.
      bubble.dataset.time = formatTime(m.timestamp);
      bubble.textContent = m.text;
      list.append(bubble);
    }
    if (atBottom || isFirstRender) list.scrollTop = list.scrollHeight;
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
    await fetch(base + identity.waId + '/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, name: identity.name }),
    });
    refresh();
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
