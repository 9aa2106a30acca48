import TheaterComedyIcon from '@mui/icons-material/TheaterComedy';
import { Chip } from '@mui/material';
import { DataTable, DateField, FunctionField, List, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { Button } from '@mui/material';
import { callApi, messageOf } from '../actions/ActionButton';

// Who impersonated whom, why and for how long; a running session can be ended from here.

type Session = { id: string; staff: { email: string | null }; user: { email: string | null }; reason: string; active: boolean };

function EndButton() {
  const record = useRecordContext<Session>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record?.active) return null;
  return (
    <Button
      size="small"
      color="warning"
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await callApi(`/api/admin/impersonations/${record.id}/end`);
          notify('The impersonation has ended.', { type: 'success' });
          refresh();
        } catch (err) {
          notify(messageOf(err), { type: 'error' });
        }
      }}
    >
      End now
    </Button>
  );
}

const ImpersonationList = () => (
  <List sort={{ field: 'startedAt', order: 'DESC' }} exporter={false}>
    <DataTable bulkActionButtons={false} rowClick={false}>
      <DataTable.Col source="startedAt">
        <DateField source="startedAt" showTime />
      </DataTable.Col>
      <DataTable.Col label="Staff member" disableSort>
        <FunctionField<Session> render={(r) => r.staff.email} />
      </DataTable.Col>
      <DataTable.Col label="As" disableSort>
        <FunctionField<Session> render={(r) => r.user.email} />
      </DataTable.Col>
      <DataTable.Col source="reason" disableSort />
      <DataTable.Col source="expiresAt">
        <DateField source="expiresAt" showTime />
      </DataTable.Col>
      <DataTable.Col label="State" disableSort>
        <FunctionField<Session> render={(r) => <Chip size="small" label={r.active ? 'active' : 'ended'} color={r.active ? 'warning' : 'default'} />} />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <EndButton />
      </DataTable.Col>
    </DataTable>
  </List>
);

export default { list: ImpersonationList, icon: TheaterComedyIcon };
