import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Link } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** The run's workflow in the Temporal UI. Only staff see these links: the Temporal UI shows every tenant's workflows. */
export const TemporalLink = () => {
  const record = useRecordContext<{ temporalUrl?: string; workflowId?: string }>();
  if (!record?.temporalUrl || !/^https?:\/\//.test(record.temporalUrl)) return null;
  return (
    <Link href={record.temporalUrl} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      {record.workflowId}
      <OpenInNewIcon fontSize="inherit" />
    </Link>
  );
};
