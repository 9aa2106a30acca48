import { BooleanInput, Edit, NumberInput, SimpleForm, TextInput } from 'react-admin';

// Prices are integer cents; an empty limit means unlimited.
export const nullable = (v: unknown) => (v === '' || v === undefined ? null : v);

/** The prices beyond the monthly one, the limits and the included features: the same inputs to create and to edit. */
export const TierLimitInputs = () => (
  <>
    <NumberInput source="overagePriceCents" min={0} />
    <BooleanInput source="overageAllowed" />
    <NumberInput source="maxAnalysesPerMonth" parse={nullable} />
    <NumberInput source="maxAiFixesPerMonth" parse={nullable} />
    <NumberInput source="maxSeats" parse={nullable} />
    <NumberInput source="maxProjects" parse={nullable} />
    <NumberInput source="maxStorageGb" parse={nullable} />
    <NumberInput source="maxConcurrentRuns" parse={nullable} />
    <NumberInput source="apiRequestsPerMinute" min={1} />
    <BooleanInput source="includesPrioritySupport" />
    <BooleanInput source="includesAdvancedAnalytics" />
  </>
);

export const TierEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm>
      <TextInput source="name" disabled />
      <TextInput source="displayName" />
      <TextInput source="description" multiline fullWidth />
      <NumberInput source="monthlyPriceCents" min={0} step={100} />
      <TierLimitInputs />
      <BooleanInput source="isPublic" />
      <NumberInput source="sortOrder" min={0} />
    </SimpleForm>
  </Edit>
);
