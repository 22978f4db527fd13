// Browser code of the phone page: how each message is drawn as a WhatsApp bubble. Plain ES2020 in a
// string, joined into PHONE_PAGE_SCRIPT's scope (it uses its `t`, `$`, `replyTo` and actions).
// Every piece of user text goes through textContent, never innerHTML.
export const PHONE_PAGE_RENDER_SCRIPT = String.raw`
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
`;
