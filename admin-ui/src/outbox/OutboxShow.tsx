import { DateField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { PreField } from '../fields/JsonField';
import { StatusChip } from '../fields/StatusChip';
import { outboxStatusColors } from './statuses';

export const OutboxShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="toAddress" />
      <TextField source="subject" />
      <TextField source="template" />
      <StatusChip source="status" colors={outboxStatusColors} />
      <NumberField source="attempts" />
      <DateField source="createdAt" showTime />
      <DateField source="sentAt" showTime emptyText="—" />
      <PreField source="lastError" />
      <PreField source="textBody" />
    </SimpleShowLayout>
  </Show>
);
