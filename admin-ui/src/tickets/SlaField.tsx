import { Chip, Tooltip } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatMinutes } from './choices';

type Sla = { targetMinutes: number; ageMinutes: number; firstResponseMinutes: number | null; breached: boolean };

/** The ticket's age against its first-response target: red once the target passed without a staff reply. */
export function SlaField(_props: { label?: string }) {
  const record = useRecordContext();
  const sla = record?.sla as Sla | undefined;
  if (!sla) return null;
  const answered = sla.firstResponseMinutes !== null;
  const label = answered ? `answered in ${formatMinutes(sla.firstResponseMinutes!)}` : `waiting ${formatMinutes(sla.ageMinutes)}`;
  return (
    <Tooltip title={`First-response target ${formatMinutes(sla.targetMinutes)} · age ${formatMinutes(sla.ageMinutes)}`}>
      <Chip size="small" variant="outlined" label={label} color={sla.breached ? 'error' : answered ? 'success' : 'default'} />
    </Tooltip>
  );
}
