import { BooleanField, DataTable, FunctionField, List, NumberField } from 'react-admin';
import { money } from '../invoices/statuses';

const limit = (value: unknown) => (value === null || value === undefined ? 'unlimited' : String(value));

export const TierList = () => (
  <List pagination={false} sort={{ field: 'monthlyPriceCents', order: 'ASC' }}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="displayName" />
      <DataTable.Col source="monthlyPriceCents">
        <FunctionField source="monthlyPriceCents" render={(r) => money(r.monthlyPriceCents)} />
      </DataTable.Col>
      <DataTable.Col source="maxAnalysesPerMonth">
        <FunctionField source="maxAnalysesPerMonth" render={(r) => limit(r.maxAnalysesPerMonth)} />
      </DataTable.Col>
      <DataTable.Col source="maxAiFixesPerMonth">
        <FunctionField source="maxAiFixesPerMonth" render={(r) => limit(r.maxAiFixesPerMonth)} />
      </DataTable.Col>
      <DataTable.Col source="maxSeats">
        <FunctionField source="maxSeats" render={(r) => limit(r.maxSeats)} />
      </DataTable.Col>
      <DataTable.Col source="apiRequestsPerMinute">
        <NumberField source="apiRequestsPerMinute" />
      </DataTable.Col>
      <DataTable.Col source="isPublic">
        <BooleanField source="isPublic" />
      </DataTable.Col>
    </DataTable>
  </List>
);
