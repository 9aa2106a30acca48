import { DataTable, DateField, Labeled, Pagination, ReferenceManyField, usePermissions } from 'react-admin';
import { canAccess } from '../permissions';
import type { StaffRole } from '../session';

/** The user's latest audit entries, for the roles that may read the audit log. */
export function UserActivity() {
  const { permissions: role } = usePermissions<StaffRole | null>();
  if (!canAccess(role, 'audit-logs')) return null;
  return (
    <Labeled label="Recent activity by this user" fullWidth>
      {/* audit-logs accepts filter actorId, which is what getManyReference sends for target="actorId". */}
      <ReferenceManyField
        reference="audit-logs"
        target="actorId"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10]} />}
      >
        <DataTable rowClick="show" bulkActionButtons={false} empty={<span>No activity.</span>}>
          <DataTable.Col source="createdAt">
            <DateField source="createdAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="action" />
          <DataTable.Col source="resourceType" />
          <DataTable.Col source="resourceId" disableSort />
        </DataTable>
      </ReferenceManyField>
    </Labeled>
  );
}
