import { BooleanInput, Create, NumberInput, required, SimpleForm, TextInput } from 'react-admin';
import { TierLimitInputs, nullable } from './TierEdit';

// The key is what BILLING_DEFAULT_TIER, the portal and the API name the tier by; it cannot change later.
const key = (value: unknown) => (typeof value === 'string' && !/^[a-z][a-z0-9_-]{1,29}$/.test(value) ? '2–30 lowercase letters, digits, "-" or "_", starting with a letter' : undefined);

export const TierCreate = () => (
  <Create redirect="list">
    <SimpleForm
      defaultValues={{
        description: '',
        overagePriceCents: 10,
        overageAllowed: true,
        apiRequestsPerMinute: 600,
        includesPrioritySupport: false,
        includesAdvancedAnalytics: false,
        isPublic: false,
      }}
    >
      <TextInput source="name" validate={[required(), key]} helperText="The tier's key, e.g. team; it cannot change later" />
      <TextInput source="displayName" validate={required()} />
      <TextInput source="description" multiline fullWidth />
      <NumberInput source="monthlyPriceCents" min={0} step={100} validate={required()} helperText="Integer cents: 4900 is $49.00" />
      <TierLimitInputs />
      <BooleanInput source="isPublic" helperText="Off: hidden from the portal's plan picker until you are ready" />
      <NumberInput source="sortOrder" min={0} parse={nullable} helperText="Position in the list; empty puts it last" />
    </SimpleForm>
  </Create>
);
