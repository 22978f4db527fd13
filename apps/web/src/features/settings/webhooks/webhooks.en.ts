import type { webhooksEs } from './webhooks.es';

/** Settings › Webhooks (English). */
export const webhooksEn: typeof webhooksEs = {
  nav: 'Webhooks',
  title: 'Webhooks',
  subtitle:
    'Charla tells your systems what happens (a customer writes, a message is delivered or read, a conversation starts) by sending each event to the address you choose, signed so you can check it comes from Charla.',
  docs: 'API documentation',
  create: 'New webhook',
  managersOnly: 'Only the owner and admins can see and set up webhooks.',
  empty: {
    title: 'No webhooks yet',
    body: 'With a webhook, your online shop, your CRM or your own server hears the moment a customer writes or a message is delivered, without asking Charla over and over.',
    create: 'Create the first webhook',
  },
  state: {
    active: 'Active',
    failing: 'Failing',
    off: 'Off',
    disabled: 'Turned off by Charla',
  },
  failingSince: 'Deliveries have been failing since {{when}}.',
  failingHint: 'Charla keeps retrying them; if everything fails for a day, it turns the webhook off.',
  offHint: 'Off: Charla sends it no new events. Whatever was still pending is sent when you turn it on.',
  disabled: {
    title: 'Charla turned this webhook off after a day of failures',
    body: 'No delivery got through for more than 24 hours. Check your server, turn the webhook back on and replay the failed deliveries from the log.',
    reason: 'Reason',
    turnOn: 'Turn back on',
  },
  justNow: 'just now',
  createdOn: 'Created {{date}}',
  previousSecret: 'The previous secret also signs until {{date}}.',
  actions: {
    deliveries: 'See deliveries',
    edit: 'Edit',
    test: 'Send test event',
    testOff: 'Turn the webhook on to send a test event.',
    turnOff: 'Turn off',
    turnOn: 'Turn on',
    rotate: 'Rotate secret',
    delete: 'Delete',
    more: 'More actions for the webhook {{url}}',
  },
  testSent: 'Test event sent. It shows in the deliveries log as soon as it arrives.',
  confirmDelete: {
    title: 'Delete this webhook?',
    body: 'Charla stops sending events to {{url}} and its delivery log is deleted. This cannot be undone.',
    submit: 'Delete webhook',
  },
  confirmRotate: {
    title: 'Rotate the signing secret?',
    body: 'Charla starts signing with a new secret. The current one keeps signing too for 24 hours, so you can update your server without losing a delivery.',
    submit: 'Rotate secret',
  },
  form: {
    createTitle: 'New webhook',
    editTitle: 'Edit webhook',
    url: 'Address (URL)',
    urlPlaceholder: 'https://your-server.com/webhooks/charla',
    urlHint:
      'Your server receives every event here, by POST. Use https:// and a public address, reachable from the internet.',
    urlMissing: 'Give the full address, starting with https://',
    description: 'Description (optional)',
    descriptionPlaceholder: 'Online shop orders',
    descriptionHint: 'To remember later which system it tells.',
    events: 'Events',
    eventsHint: 'Charla sends only the ones you tick.',
    all: 'Select all',
    none: 'Clear all',
    noEvents: 'Choose at least one event.',
    submitCreate: 'Create webhook',
    submitEdit: 'Save changes',
  },
  secret: {
    createdTitle: 'Copy the signing secret',
    createdBody: 'The webhook is ready: Charla will send events to {{url}}.',
    rotatedTitle: 'Copy the new secret',
    rotatedBody: 'Charla now signs deliveries to {{url}} with this secret.',
    warning:
      "This is the only time you'll see it. Keep it somewhere safe, such as your server's environment variables; if you lose it, rotate it.",
    oldStillWorks:
      'The previous secret keeps signing beside the new one until {{date}}: update your server before then.',
    label: 'Signing secret',
    copy: 'Copy',
    copied: 'Copied',
    verifyTitle: 'How to verify deliveries',
    verifyIntro: 'Every delivery follows the Standard Webhooks convention and comes with three headers:',
    headers: {
      id: 'the same on every retry: keep it so you never handle one delivery twice.',
      timestamp: 'when it was signed, in seconds since 1970: reject old deliveries.',
      signature: 'v1, then the base64 HMAC-SHA256 of id.timestamp.body with this secret.',
    },
    verifyLibrary: 'The Standard Webhooks libraries check it for you; in Node.js, for example:',
    codeComment: 'Throws if the signature is wrong or the delivery is old',
    libraries: 'Standard Webhooks libraries',
    done: "I've saved it",
  },
  deliveries: {
    back: 'All webhooks',
    title: 'Deliveries',
    subtitle:
      'Every event sent to this address, newest first, with all its attempts. When a delivery fails, Charla retries it for about 27 hours: after 5\u00a0s, 5\u00a0min, 30\u00a0min, 2\u00a0h, 5\u00a0h, 10\u00a0h and 10\u00a0h.',
    filterLabel: 'Filter by status',
    filter: { all: 'All', pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
    status: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
    nextTry: 'Next try: {{when}}',
    sendingNow: 'Sending…',
    paused: 'On hold: the webhook is off',
    attempts_one: '{{count}} attempt',
    attempts_other: '{{count}} attempts',
    empty: 'No deliveries yet. Send a test event to see one arrive.',
    emptyFiltered: 'No deliveries with this status.',
    loadMore: 'Load more',
    show: "Show the delivery's details",
    attemptsTitle: 'Attempts',
    noAttempts: 'Not tried yet.',
    latency: 'Response time',
    noAnswer: 'No answer',
    notDelivered: 'Only a 2xx answer counts as delivered.',
    response: 'Response',
    emptyResponse: '(empty response)',
    ms: '{{count}} ms',
    payloadTitle: 'Payload sent',
    webhookId: 'webhook-id',
    replay: 'Replay',
    replayHint: 'Sends it again now, with the same webhook-id.',
    notFound: 'This webhook no longer exists.',
  },
  catalogue: {
    title: 'Events you can receive',
    subtitle:
      'Every delivery is a POST with a JSON { type, timestamp, data }. These are the events, what they hold and an example of each.',
    example: 'Show example',
    hideExample: 'Hide example',
    testOnly: 'Test only',
  },
  eventInfo: {
    message: {
      received:
        'A customer wrote (any kind of message). Holds the message, its conversation and the contact.',
      sent: 'WhatsApp reports one of your messages sent (one grey tick).',
      status_changed:
        "A message you sent was delivered, read or failed. A failure carries WhatsApp's code (null when the error is Charla's own) and the reason in words.",
    },
    conversation: {
      created: 'A customer wrote to one of your numbers for the first time (a new conversation).',
      status_changed:
        'A conversation was opened, set pending, resolved or snoozed: by a member, a rule, a bot or Charla (`by`).',
      assigned:
        'A conversation was assigned to a member, or unassigned (`to` null): by a member, a rule or the queue.',
    },
    contact: {
      created:
        'A new contact: the customer wrote for the first time, or a member, the API or an import added them (`source`).',
      updated:
        'What Charla keeps about a contact changed: `changed` says what (name, notes, tags, attributes, consent); `contact` is as it is now.',
      opted_out:
        'A customer opted out of your messages: with a keyword (STOP, BAJA…) or WhatsApp’s "stop promotions" (`source`).',
    },
    broadcast: {
      completed:
        'A broadcast finished sending. `counts` are as they were then; deliveries and reads keep arriving (get the broadcast for the latest).',
    },
    template: {
      status_changed:
        'Meta reviewed a template or changed its standing: pending, approved, rejected (with the reason), paused, disabled, deleted.',
    },
    flow: {
      completed:
        'A bot finished with a customer: `outcome` says how (completed, handed_off, timed_out, stopped, moved) and `variables` what it collected.',
    },
    webhook: {
      test: 'Sent by "Send test event", to check that your server receives and verifies deliveries.',
    },
  },
};
