import type { Knex } from 'knex';
import * as m1 from './20261122010000_create_probe_results';
import * as m2 from './20261122010100_create_users';
import * as m3 from './20261122010200_create_workspaces';
import * as m4 from './20261122010300_create_auth_tokens';
import * as m5 from './20261122010400_create_invitations';
import * as m6 from './20261122010500_create_staff_grants';
import * as m7 from './20261122010600_create_activity_log';
import * as m8 from './20261122010700_create_outbox_emails';
import * as m9 from './20261122010800_create_system_log';
import * as m10 from './20261122010900_create_usage_events';
import * as m11 from './20261122020000_create_repositories';
import * as m12 from './20261122020100_create_webhook_deliveries';
import * as m13 from './20261122020200_create_analysis_runs';
import * as m14 from './20261122020300_create_findings';
import * as m15 from './20261122030000_create_fixes';
import * as m16 from './20261122030100_create_workspace_ai_keys';
import * as billing1 from './20261123010000_create_subscription_tier';
import * as billing2 from './20261123010100_create_subscription';
import * as billing3 from './20261123010200_create_usage_record';
import * as billing4 from './20261123010300_create_invoice';
import * as billing5 from './20261123010400_create_invoice_item';
import * as billing6 from './20261123010500_create_payment_method';
import * as billing7 from './20261123010600_create_billing_credit';
import * as billing8 from './20261123010700_create_stripe_event';
import * as billing9 from './20261123010800_allow_skipped_runs';
import * as billing10 from './20261123010900_create_rate_limit_window';
import * as identity1 from './20261124010000_account_security';
import * as githubApp1 from './20261125010000_github_app_setup';
import * as search1 from './20261201200000_search_vectors';
import * as search2 from './20261201200100_create_search_terms';
import * as search3 from './20261201200200_create_search_code_files';
import * as search4 from './20261201200300_create_search_history';
import * as search5 from './20261201200400_create_search_outbox';
import * as analytics1 from './20261201100000_create_analytics';
import * as ops1 from './20261201300000_create_support_tickets';
import * as ops2 from './20261201300100_ops_console';
import * as findingContext1 from './20261201400000_finding_context';
import * as repoSettings1 from './20261202200000_repository_analysis_settings';
import * as incremental1 from './20261202300000_incremental_analysis';
import * as searchTeams1 from './20261203100000_search_teams';
import * as searchKeys1 from './20261204100000_search_finding_keys';

export const migrations: Record<string, Knex.Migration> = {
  '20261122010000_create_probe_results': m1,
  '20261122010100_create_users': m2,
  '20261122010200_create_workspaces': m3,
  '20261122010300_create_auth_tokens': m4,
  '20261122010400_create_invitations': m5,
  '20261122010500_create_staff_grants': m6,
  '20261122010600_create_activity_log': m7,
  '20261122010700_create_outbox_emails': m8,
  '20261122010800_create_system_log': m9,
  '20261122010900_create_usage_events': m10,
  '20261122020000_create_repositories': m11,
  '20261122020100_create_webhook_deliveries': m12,
  '20261122020200_create_analysis_runs': m13,
  '20261122020300_create_findings': m14,
  '20261122030000_create_fixes': m15,
  '20261122030100_create_workspace_ai_keys': m16,
  '20261123010000_create_subscription_tier': billing1,
  '20261123010100_create_subscription': billing2,
  '20261123010200_create_usage_record': billing3,
  '20261123010300_create_invoice': billing4,
  '20261123010400_create_invoice_item': billing5,
  '20261123010500_create_payment_method': billing6,
  '20261123010600_create_billing_credit': billing7,
  '20261123010700_create_stripe_event': billing8,
  '20261123010800_allow_skipped_runs': billing9,
  '20261123010900_create_rate_limit_window': billing10,
  '20261124010000_account_security': identity1,
  '20261125010000_github_app_setup': githubApp1,
  '20261201200000_search_vectors': search1,
  '20261201200100_create_search_terms': search2,
  '20261201200200_create_search_code_files': search3,
  '20261201200300_create_search_history': search4,
  '20261201200400_create_search_outbox': search5,
  '20261201100000_create_analytics': analytics1,
  '20261201300000_create_support_tickets': ops1,
  '20261201300100_ops_console': ops2,
  '20261201400000_finding_context': findingContext1,
  '20261202200000_repository_analysis_settings': repoSettings1,
  '20261202300000_incremental_analysis': incremental1,
  '20261203100000_search_teams': searchTeams1,
  '20261204100000_search_finding_keys': searchKeys1,
};
