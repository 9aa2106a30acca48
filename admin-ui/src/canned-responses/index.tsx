import QuickreplyIcon from '@mui/icons-material/Quickreply';
import { Create, DataTable, DateField, Edit, List, SearchInput, SimpleForm, TextInput, required } from 'react-admin';

// Reply templates support admins keep (API path: /api/admin/support/canned-responses).

const CannedResponseList = () => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: 'title', order: 'ASC' }}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="title" />
      <DataTable.Col source="body" sx={{ maxWidth: 480, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} />
      <DataTable.Col source="updatedAt">
        <DateField source="updatedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);

const Form = () => (
  <SimpleForm>
    <TextInput source="title" validate={required()} fullWidth inputProps={{ maxLength: 120 }} />
    <TextInput source="body" validate={required()} multiline minRows={5} fullWidth />
  </SimpleForm>
);

const CannedResponseEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <Form />
  </Edit>
);
const CannedResponseCreate = () => (
  <Create redirect="list">
    <Form />
  </Create>
);

export default {
  list: CannedResponseList,
  edit: CannedResponseEdit,
  create: CannedResponseCreate,
  icon: QuickreplyIcon,
  recordRepresentation: 'title',
};
