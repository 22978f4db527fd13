import type { auditEs } from './audit.es';

/** Settings › Activity log (English). */
export const auditEn: typeof auditEs = {
  nav: 'Activity log',
  title: 'Activity log',
  subtitle:
    'Who signed in, who changed what and from where: sign-ins, members, invitations, numbers, settings and exports. Only the owner sees it. It never keeps passwords or tokens.',
  ownerOnly: "Only the workspace's owner can see the activity log.",
  export: 'Export CSV',
  loadMore: 'Load more',
  empty: 'Nothing recorded with these filters.',
  columns: { when: 'When', who: 'Who', what: 'What', address: 'Address' },
  filters: {
    action: 'Action',
    anyAction: 'All actions',
    member: 'Member',
    anyMember: 'All members',
    from: 'From',
    to: 'To',
    clear: 'Clear filters',
  },
  someone: 'Someone',
  charla: 'Charla',
  aContact: 'a contact',
  roles: { owner: 'owner', admin: 'admin', agent: 'agent' },
  actions: {
    auth: {
      login: 'Sign-ins',
      login_failed: 'Failed sign-ins',
      logout: 'Sign-outs',
      password_changed: 'Passwords changed',
      password_reset_link_created: 'Password reset links',
      password_reset: 'Passwords reset',
      session_ended: 'Sessions ended',
    },
    member: {
      joined: 'New members',
      role_changed: 'Role changes',
      deactivated: 'Members deactivated',
      reactivated: 'Members reactivated',
      removed: 'Members removed',
      ownership_transferred: 'Ownership transferred',
    },
    invitation: {
      created: 'Invitations',
      revoked: 'Invitations revoked',
      link_renewed: 'Invitation links renewed',
    },
    channel: {
      connected: 'Numbers connected',
      disconnected: 'Numbers disconnected',
    },
    settings: {
      changed: 'Settings changed',
    },
    audit: {
      exported: 'Log exported',
    },
    contacts: {
      exported: 'Contacts exported',
    },
    contact: {
      exported: "A contact's data exported",
      erased: 'Contacts erased',
    },
  },
  sentence: {
    auth: {
      login: '{{actor}} signed in',
      login_failed: 'Failed sign-in as {{target}}',
      logout: '{{actor}} signed out',
      password_changed: '{{actor}} changed their password',
      password_reset_link_created: '{{actor}} made a password reset link for {{target}}',
      password_reset: '{{target}} reset their password',
      session_ended: '{{actor}} ended a session of {{target}}',
    },
    member: {
      joined: '{{target}} joined the workspace as {{role}}',
      role_changed: "{{actor}} changed {{target}}'s role from {{from}} to {{to}}",
      deactivated: '{{actor}} deactivated {{target}}',
      reactivated: '{{actor}} reactivated {{target}}',
      removed: '{{actor}} removed {{target}} from the workspace',
      ownership_transferred: '{{actor}} transferred ownership of the workspace to {{target}}',
    },
    invitation: {
      created: '{{actor}} invited {{target}} as {{role}}',
      revoked: "{{actor}} revoked {{target}}'s invitation",
      link_renewed: '{{actor}} made a new invitation link for {{target}}',
    },
    channel: {
      connected: '{{actor}} connected the number {{target}}',
      disconnected: '{{actor}} disconnected the number {{target}}',
    },
    settings: {
      changed: '{{actor}} changed {{fields}}',
    },
    audit: {
      exported: '{{actor}} exported the activity log',
    },
    contacts: {
      exported: '{{actor}} exported the contacts ({{count}})',
    },
    contact: {
      exported: '{{actor}} exported all the data of {{target}}',
      erased: '{{actor}} erased {{target}} for good ({{messages}} messages, {{files}} files)',
    },
    unknown: '{{actor}}: {{action}}',
  },
  fields: {
    conversationVisibility: 'who sees conversations',
    autoAssign: 'automatic assignment',
    autoAssignTeamId: 'the automatic assignment team',
    autoAssignCap: 'the conversations-per-agent limit',
    optOutKeywords: 'the opt-out words',
    optInKeywords: 'the opt-in words',
    optOutAutoReply: 'the opt-out reply',
    marketingOptedInOnly: 'marketing only to opted-in contacts',
    timezone: 'the time zone',
    defaultCountry: 'the country for phone numbers',
    ratePerSecond: 'the broadcast pace',
  },
  change: '{{field}}: {{from}} → {{to}}',
  visibility: { all: 'everyone sees all', assigned: 'each agent their own' },
  none: 'nothing',
  yes: 'yes',
  no: 'no',
};
