import { Navigate, Outlet, Route } from 'react-router';
import { AccountPage } from '../account/AccountPage';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage';
import { LoginPage } from '../auth/LoginPage';
import { RequireAuth } from '../auth/RequireAuth';
import { ResetPasswordPage } from '../auth/ResetPasswordPage';
import { SignupPage } from '../auth/SignupPage';
import { VerifyEmailPage } from '../auth/VerifyEmailPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { LiveDashboardProvider } from '../live/LiveDashboard';
import { RepositoriesPage } from '../repositories/RepositoriesPage';
import { GitHubSetupPage } from '../github/GitHubSetupPage';
import { RunDetailPage } from '../runs/RunDetailPage';
import { RunsPage } from '../runs/RunsPage';
import { AcceptInvitationPage } from '../teams/AcceptInvitationPage';
import { ActivityTab } from '../teams/ActivityTab';
import { InvitationsTab } from '../teams/InvitationsTab';
import { MembersTab } from '../teams/MembersTab';
import { SettingsTab } from '../teams/SettingsTab';
import { TeamDetailPage } from '../teams/TeamDetailPage';
import { TeamsPage } from '../teams/TeamsPage';
import { TokensPage } from '../tokens/TokensPage';
import { BillingPage } from '../billing/BillingPage';
import { CurrentWorkspaceProvider } from '../workspaces/CurrentWorkspace';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { SentryRoutes } from './observability';
import { SessionEffects } from './SessionEffects';

export function App() {
  return (
    <>
      <SessionEffects />
      <SentryRoutes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />

        <Route
          element={
            <RequireAuth>
              <CurrentWorkspaceProvider>
                <LiveDashboardProvider>
                  <Outlet />
                </LiveDashboardProvider>
              </CurrentWorkspaceProvider>
            </RequireAuth>
          }
        >
          <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
          <Route element={<AppLayout />}>
            <Route index element={<DashboardPage />} />
            <Route path="repositories" element={<RepositoriesPage />} />
            <Route path="github/setup" element={<GitHubSetupPage />} />
            <Route path="runs" element={<RunsPage />} />
            <Route path="runs/:runId" element={<RunDetailPage />} />
            <Route path="teams" element={<TeamsPage />} />
            <Route path="teams/:teamId" element={<TeamDetailPage />}>
              <Route index element={<Navigate to="members" replace />} />
              <Route path="members" element={<MembersTab />} />
              <Route path="invitations" element={<InvitationsTab />} />
              <Route path="activity" element={<ActivityTab />} />
              <Route path="settings" element={<SettingsTab />} />
            </Route>
            <Route path="tokens" element={<TokensPage />} />
            <Route path="billing" element={<BillingPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </SentryRoutes>
    </>
  );
}
