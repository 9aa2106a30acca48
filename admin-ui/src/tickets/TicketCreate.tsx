import { AutocompleteInput, Create, Edit, FormDataConsumer, ReferenceInput, SelectInput, SimpleForm, TextInput, required, useGetOne, useRecordContext } from 'react-admin';
import { ticketPriorityChoices, ticketStatusChoices } from './choices';

/** The customer must be a member of the workspace (the API checks it too). */
function MemberInput({ workspaceId }: { workspaceId: string | undefined }) {
  const workspace = useGetOne('workspaces', { id: workspaceId ?? '' }, { enabled: Boolean(workspaceId) });
  const members = (workspace.data?.members as { userId: string; email: string; name: string }[] | undefined) ?? [];
  return (
    <SelectInput
      source="userId"
      label="Customer"
      choices={members.map((m) => ({ id: m.userId, name: `${m.name} <${m.email}>` }))}
      validate={required()}
      disabled={!workspaceId}
      helperText={workspaceId ? undefined : 'Choose the workspace first'}
    />
  );
}

export const TicketCreate = () => (
  <Create redirect="show" title="Open a ticket for a customer">
    <SimpleForm defaultValues={{ priority: 'medium' }}>
      <ReferenceInput source="workspaceId" reference="workspaces">
        <AutocompleteInput optionText="name" validate={required()} label="Workspace" />
      </ReferenceInput>
      <FormDataConsumer<{ workspaceId?: string }>>{({ formData }) => <MemberInput workspaceId={formData.workspaceId} />}</FormDataConsumer>
      <TextInput source="subject" validate={required()} fullWidth inputProps={{ maxLength: 255 }} />
      <TextInput source="description" validate={required()} multiline minRows={4} fullWidth />
      <SelectInput source="priority" choices={ticketPriorityChoices} validate={required()} />
    </SimpleForm>
  </Create>
);

const EditTitle = () => {
  const record = useRecordContext();
  return <span>{record ? `Edit ticket #${record.number as number}` : 'Edit ticket'}</span>;
};

export const TicketEdit = () => (
  <Edit title={<EditTitle />} redirect="show" mutationMode="pessimistic">
    <SimpleForm>
      <TextInput source="subject" validate={required()} fullWidth inputProps={{ maxLength: 255 }} />
      <SelectInput source="priority" choices={ticketPriorityChoices} validate={required()} />
      <SelectInput source="status" choices={ticketStatusChoices} validate={required()} helperText="Closing is final; resolved tickets reopen when the customer replies." />
    </SimpleForm>
  </Edit>
);
