import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { TicketList } from './TicketList';
import { TicketShow } from './TicketShow';
import { TicketCreate, TicketEdit } from './TicketCreate';

// API path: /api/admin/support/tickets (dataProvider.ts maps the resource name to it).
export default {
  list: TicketList,
  show: TicketShow,
  create: TicketCreate,
  edit: TicketEdit,
  icon: SupportAgentIcon,
  recordRepresentation: (r: { number: number; subject: string }) => `#${r.number} ${r.subject}`,
};
