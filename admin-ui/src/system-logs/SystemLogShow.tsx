import { DateField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { JsonField, PreField } from '../fields/JsonField';
import { StatusChip } from '../fields/StatusChip';
import { levelColors } from './levels';

export const SystemLogShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <DateField source="createdAt" showTime />
      <StatusChip source="level" colors={levelColors} />
      <TextField source="component" />
      <TextField source="message" />
      <JsonField source="context" />
      <PreField source="stackTrace" />
    </SimpleShowLayout>
  </Show>
);
