import { Suspense } from 'react';
import { Navigate, Outlet, Route } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { RequireAuth } from '../auth/RequireAuth';
import { DashboardPage } from '../dashboard/DashboardPage';
import { LiveDashboardProvider } from '../live/LiveDashboard';
import { CurrentWorkspaceProvider } from '../workspaces/CurrentWorkspace';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { SentryRoutes } from './observability';
import { SessionEffects } from './SessionEffects';
import { MaintenanceBanner } from './MaintenanceBanner';
import { lazyPage } from './lazyPage';
import { LoadingState } from '../ui/states';

// Every page but the two a session starts on (sign-in and the dashboard) is its own chunk, fetched on first visit.
const AccountPage = lazyPage(() => import('../account/AccountPage'), 'AccountPage');
const ForgotPasswordPage = lazyPage(() => import('../auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../auth/ResetPasswordPage'), 'ResetPasswordPage');
const SignupPage = lazyPage(() => import('../auth/SignupPage'), 'SignupPage');
const VerifyEmailPage = lazyPage(() => import('../auth/VerifyEmailPage'), 'VerifyEmailPage');
const RepositoriesPage = lazyPage(() => import('../repositories/RepositoriesPage'), 'RepositoriesPage');
const GitHubSetupPage = lazyPage(() => import('../github/GitHubSetupPage'), 'GitHubSetupPage');
const RunDetailPage = lazyPage(() => import('../runs/RunDetailPage'), 'RunDetailPage');
const RunsPage = lazyPage(() => import('../runs/RunsPage'), 'RunsPage');
const AcceptInvitationPage = lazyPage(() => import('../teams/AcceptInvitationPage'), 'AcceptInvitationPage');
const ActivityTab = lazyPage(() => import('../teams/ActivityTab'), 'ActivityTab');
const InvitationsTab = lazyPage(() => import('../teams/InvitationsTab'), 'InvitationsTab');
const MembersTab = lazyPage(() => import('../teams/MembersTab'), 'MembersTab');
const SettingsTab = lazyPage(() => import('../teams/SettingsTab'), 'SettingsTab');
const TeamDetailPage = lazyPage(() => import('../teams/TeamDetailPage'), 'TeamDetailPage');
const TeamsPage = lazyPage(() => import('../teams/TeamsPage'), 'TeamsPage');
const TokensPage = lazyPage(() => import('../tokens/TokensPage'), 'TokensPage');
const BillingPage = lazyPage(() => import('../billing/BillingPage'), 'BillingPage');
const AnalyticsPage = lazyPage(() => import('../analytics/AnalyticsPage'), 'AnalyticsPage');
const RepositoryOverviewPage = lazyPage(() => import('../repositories/overview/RepositoryOverviewPage'), 'RepositoryOverviewPage');
const RepositorySettingsPage = lazyPage(() => import('../repositories/settings/RepositorySettingsPage'), 'RepositorySettingsPage');
const SearchPage = lazyPage(() => import('../search/SearchPage'), 'SearchPage');
const RulesPage = lazyPage(() => import('../rules/RulesPage'), 'RulesPage');
const SupportPage = lazyPage(() => import('../support/SupportPage'), 'SupportPage');
const TicketPage = lazyPage(() => import('../support/TicketPage'), 'TicketPage');
const ImpersonatePage = lazyPage(() => import('./ImpersonatePage'), 'ImpersonatePage');

export function App() {
  return (
    <>
      <SessionEffects />
      <MaintenanceBanner />
      <Suspense fallback={<LoadingState />}>
        <SentryRoutes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/signup" element={<SignupPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/verify-email" element={<VerifyEmailPage />} />
          <Route path="/impersonate" element={<ImpersonatePage />} />

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
            <Route path="repositories/:repositoryId/overview" element={<RepositoryOverviewPage />} />
            <Route path="repositories/:repositoryId/settings" element={<RepositorySettingsPage />} />
            <Route path="analytics" element={<AnalyticsPage />} />
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
              <Route path="search" element={<SearchPage />} />
              <Route path="rules" element={<RulesPage />} />
              <Route path="support" element={<SupportPage />} />
              <Route path="support/:ticketId" element={<TicketPage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </SentryRoutes>
      </Suspense>
    </>
  );
}
