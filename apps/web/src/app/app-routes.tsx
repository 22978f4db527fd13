import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useSetupStatus } from '../features/auth/auth.api';
import { InvitePage } from '../features/auth/invite-page';
import { LoginPage } from '../features/auth/login-page';
import { RequireAuth } from '../features/auth/require-auth';
import { SetupPage } from '../features/auth/setup-page';
import { BroadcastDetailPage } from '../features/broadcasts/broadcast-detail-page';
import { BroadcastsPage } from '../features/broadcasts/broadcasts-page';
import { NewBroadcastPage } from '../features/broadcasts/wizard/new-broadcast-page';
import { ContactsPage } from '../features/contacts/contacts-page';
import { InboxRoute } from '../features/inbox/assignment/no-access';
import { CannedResponsesPage } from '../features/settings/canned-responses-page';
import { ChannelsPage } from '../features/settings/channels-page';
import { ContactAttributesPage } from '../features/settings/contact-attributes-page';
import { LabelsPage } from '../features/settings/labels-page';
import { MembersPage } from '../features/settings/members-page';
import { SettingsLayout } from '../features/settings/settings-layout';
import { TeamsPage } from '../features/settings/teams-page';
import { WorkspacePage } from '../features/settings/workspace-page';
import { TemplateEditorPage } from '../features/templates/template-editor-page';
import { TemplatesPage } from '../features/templates/templates-page';
import { buttonClasses } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { FullPageSpinner } from '../ui/spinner';
import { AppShell } from './app-shell';
import { ServerUnavailable } from './server-unavailable';

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
      <Route element={<RequireAuth />}>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/inbox" replace />} />
          <Route path="inbox/:conversationId?" element={<InboxRoute />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="broadcasts" element={<BroadcastsPage />} />
          <Route path="broadcasts/new" element={<NewBroadcastPage />} />
          <Route path="broadcasts/:broadcastId" element={<BroadcastDetailPage />} />
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
            <Route path="workspace" element={<WorkspacePage />} />
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
