import { ArrayField, DataTable, DateField, FunctionField, NumberField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { MarkPaidButton, RefundButton, RetryPaymentButton } from './InvoiceActions';
import { invoiceStatusColors, money } from './statuses';

const Actions = () => (
  <TopToolbar>
    <RetryPaymentButton />
    <MarkPaidButton />
    <RefundButton />
  </TopToolbar>
);

export const InvoiceShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="number" />
      <TextField source="workspaceName" />
      <TextField source="tierName" />
      <DateField source="billingPeriodStart" showTime />
      <DateField source="billingPeriodEnd" showTime />
      <StatusChip source="status" colors={invoiceStatusColors} />
      <ArrayField source="items">
        <DataTable bulkActionButtons={false}>
          <DataTable.Col source="description" />
          <DataTable.Col source="quantity">
            <NumberField source="quantity" />
          </DataTable.Col>
          <DataTable.Col source="totalCents">
            <FunctionField source="totalCents" render={(r) => money(r.totalCents)} />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
      <FunctionField source="subtotalCents" render={(r) => money(r.subtotalCents)} />
      <FunctionField source="taxCents" render={(r) => `${money(r.taxCents)} (${(r.taxRateBps / 100).toFixed(2)} %)`} />
      <FunctionField source="totalCents" render={(r) => money(r.totalCents)} />
      <FunctionField source="amountRefundedCents" render={(r) => money(r.amountRefundedCents)} />
      <NumberField source="paymentAttempts" />
      <TextField source="lastPaymentError" emptyText="—" />
      <TextField source="stripePaymentIntentId" emptyText="— (manual mode)" />
      <DateField source="paidAt" showTime emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
