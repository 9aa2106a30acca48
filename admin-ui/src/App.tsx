import { Admin, Resource } from 'react-admin';
import auditLogs from './audit-logs';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { ErrorPage } from './layout/ErrorPage';
import { LoginPage } from './LoginPage';
import outbox from './outbox';
import { canAccess } from './permissions';
import { sentryRouterProvider } from './publicConfig';
import type { StaffRole } from './session';
import runs from './runs';
import systemLogs from './system-logs';
import users from './users';
import invoices from './invoices';
import subscriptions from './subscriptions';
import tiers from './tiers';
import analytics from './analytics';
import tickets from './tickets';
import cannedResponses from './canned-responses';
import workspaces from './workspaces';
import repositories from './repositories';
import impersonations from './impersonations';
import system from './system';
import settings from './settings';
import search from './search';

export const App = () => (
  <Admin
    title="Argus Ops Console"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    loginPage={LoginPage}
    error={ErrorPage}
    routerProvider={sentryRouterProvider}
    requireAuth
    disableTelemetry
  >
    {(role: StaffRole | null) => (
      <>
        {role && <Resource name="search" {...search} />}
        {canAccess(role, 'users') && <Resource name="users" {...users} />}
        {canAccess(role, 'audit-logs') && <Resource name="audit-logs" {...auditLogs} />}
        {canAccess(role, 'runs') && <Resource name="runs" {...runs} />}
        {canAccess(role, 'system-logs') && <Resource name="system-logs" {...systemLogs} />}
        {canAccess(role, 'outbox') && <Resource name="outbox" {...outbox} />}
        {canAccess(role, 'subscriptions') && <Resource name="subscriptions" {...subscriptions} />}
        {canAccess(role, 'invoices') && <Resource name="invoices" {...invoices} />}
        {canAccess(role, 'tiers') && <Resource name="tiers" {...tiers} />}
        {canAccess(role, 'analytics') && <Resource name="analytics" {...analytics} />}
        {canAccess(role, 'tickets') && <Resource name="tickets" {...tickets} />}
        {canAccess(role, 'canned-responses') && <Resource name="canned-responses" {...cannedResponses} />}
        {canAccess(role, 'workspaces') && <Resource name="workspaces" {...workspaces} />}
        {canAccess(role, 'repositories') && <Resource name="repositories" {...repositories} />}
        {canAccess(role, 'impersonations') && <Resource name="impersonations" {...impersonations} />}
        {canAccess(role, 'system') && <Resource name="system" {...system} />}
        {canAccess(role, 'settings') && <Resource name="settings" {...settings} />}
      </>
    )}
  </Admin>
);
