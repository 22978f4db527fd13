import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useSetupStatus } from '../features/auth/auth.api';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { InvitePage } from '../features/auth/invite-page';
import { LoginPage } from '../features/auth/login-page';
import { RequireAuth } from '../features/auth/require-auth';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SetupPage } from '../features/auth/setup-page';
import { InboxRoute } from '../features/inbox/assignment/no-access';
import { SettingsLayout } from '../features/settings/settings-layout';
import { buttonClasses } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { FullPageSpinner } from '../ui/spinner';
import { AppShell } from './app-shell';
import { lazyPage } from './lazy-page';
import { ServerUnavailable } from './server-unavailable';

const AccountPage = lazyPage(
  () => import('../features/settings/account-page'),
  (m) => m.AccountPage,
);
const RulesPage = lazyPage(
  () => import('../features/automation/rules-page'),
  (m) => m.RulesPage,
);
const RuleEditorPage = lazyPage(
  () => import('../features/automation/rule-editor-page'),
  (m) => m.RuleEditorPage,
);
const FlowsPage = lazyPage(
  () => import('../features/automation/flows-page'),
  (m) => m.FlowsPage,
);
const FlowBuilderPage = lazyPage(
  () => import('../features/automation/flow-builder/flow-builder-page'),
  (m) => m.FlowBuilderPage,
);
const SequencesPage = lazyPage(
  () => import('../features/automation/sequences-page'),
  (m) => m.SequencesPage,
);
const SequenceEditorPage = lazyPage(
  () => import('../features/automation/sequence-editor-page'),
  (m) => m.SequenceEditorPage,
);
const ApiKeysPage = lazyPage(
  () => import('../features/settings/api-keys/api-keys-page'),
  (m) => m.ApiKeysPage,
);
const WebhooksPage = lazyPage(
  () => import('../features/settings/webhooks/webhooks-page'),
  (m) => m.WebhooksPage,
);
const WebhookPage = lazyPage(
  () => import('../features/settings/webhooks/webhook-page'),
  (m) => m.WebhookPage,
);
const IntegrationsPage = lazyPage(
  () => import('../features/settings/integrations/integrations-page'),
  (m) => m.IntegrationsPage,
);
const TriggerPage = lazyPage(
  () => import('../features/settings/integrations/trigger-page'),
  (m) => m.TriggerPage,
);
const AuditLogPage = lazyPage(
  () => import('../features/settings/audit-log-page'),
  (m) => m.AuditLogPage,
);
const BroadcastDetailPage = lazyPage(
  () => import('../features/broadcasts/broadcast-detail-page'),
  (m) => m.BroadcastDetailPage,
);
const BroadcastsPage = lazyPage(
  () => import('../features/broadcasts/broadcasts-page'),
  (m) => m.BroadcastsPage,
);
const NewBroadcastPage = lazyPage(
  () => import('../features/broadcasts/wizard/new-broadcast-page'),
  (m) => m.NewBroadcastPage,
);
const ContactsPage = lazyPage(
  () => import('../features/contacts/contacts-page'),
  (m) => m.ContactsPage,
);
const CannedResponsesPage = lazyPage(
  () => import('../features/settings/canned-responses-page'),
  (m) => m.CannedResponsesPage,
);
const ChannelsPage = lazyPage(
  () => import('../features/settings/channels-page'),
  (m) => m.ChannelsPage,
);
const ContactAttributesPage = lazyPage(
  () => import('../features/settings/contact-attributes-page'),
  (m) => m.ContactAttributesPage,
);
const LabelsPage = lazyPage(
  () => import('../features/settings/labels-page'),
  (m) => m.LabelsPage,
);
const MembersPage = lazyPage(
  () => import('../features/settings/members-page'),
  (m) => m.MembersPage,
);
const TeamsPage = lazyPage(
  () => import('../features/settings/teams-page'),
  (m) => m.TeamsPage,
);
const BusinessHoursPage = lazyPage(
  () => import('../features/settings/business-hours/business-hours-page'),
  (m) => m.BusinessHoursPage,
);
const WorkspacePage = lazyPage(
  () => import('../features/settings/workspace-page'),
  (m) => m.WorkspacePage,
);
const TemplateEditorPage = lazyPage(
  () => import('../features/templates/template-editor-page'),
  (m) => m.TemplateEditorPage,
);
const ReportsPage = lazyPage(
  () => import('../features/analytics/reports-page'),
  (m) => m.ReportsPage,
);
const TemplatesPage = lazyPage(
  () => import('../features/templates/templates-page'),
  (m) => m.TemplatesPage,
);

/** First asks whether the workspace exists; until it does, only the setup page is reachable. */
export function AppRoutes() {
  const setup = useSetupStatus();

  if (setup.isPending) return <FullPageSpinner />;
  if (setup.isError) return <ServerUnavailable onRetry={() => void setup.refetch()} />;

  if (setup.data.needsSetup) {
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    );
  }

  return (
    <Routes>
      <Route path="/setup" element={<Navigate to="/inbox" replace />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/inbox" replace />} />
          <Route path="inbox/:conversationId?" element={<InboxRoute />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="broadcasts" element={<BroadcastsPage />} />
          <Route path="broadcasts/new" element={<NewBroadcastPage />} />
          <Route path="broadcasts/:broadcastId" element={<BroadcastDetailPage />} />
          <Route path="automation" element={<RulesPage />} />
          <Route path="automation/rules/new" element={<RuleEditorPage />} />
          <Route path="automation/rules/:ruleId" element={<RuleEditorPage />} />
          <Route path="automation/bots" element={<FlowsPage />} />
          <Route path="automation/bots/:flowId" element={<FlowBuilderPage />} />
          <Route path="automation/sequences" element={<SequencesPage />} />
          <Route path="automation/sequences/new" element={<SequenceEditorPage />} />
          <Route path="automation/sequences/:sequenceId" element={<SequenceEditorPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="templates/new" element={<TemplateEditorPage />} />
          <Route path="templates/:templateId" element={<TemplateEditorPage />} />
          <Route path="settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="channels" replace />} />
            <Route path="channels" element={<ChannelsPage />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="teams" element={<TeamsPage />} />
            <Route path="labels" element={<LabelsPage />} />
            <Route path="canned" element={<CannedResponsesPage />} />
            <Route path="attributes" element={<ContactAttributesPage />} />
            <Route path="hours" element={<BusinessHoursPage />} />
            <Route path="workspace" element={<WorkspacePage />} />
            <Route path="api-keys" element={<ApiKeysPage />} />
            <Route path="webhooks" element={<WebhooksPage />} />
            <Route path="webhooks/:webhookId" element={<WebhookPage />} />
            <Route path="integrations" element={<IntegrationsPage />} />
            <Route path="integrations/:triggerId" element={<TriggerPage />} />
            <Route path="activity" element={<AuditLogPage />} />
            <Route path="account" element={<AccountPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-1 items-center justify-center">
      <EmptyState
        icon={Compass}
        title={t('notFound.title')}
        description={t('notFound.body')}
        action={
          <Link to="/inbox" className={buttonClasses('secondary')}>
            {t('notFound.back')}
          </Link>
        }
      />
    </div>
  );
}
