import MailOutlinedIcon from '@mui/icons-material/MailOutlined';
import { OutboxList } from './OutboxList';
import { OutboxShow } from './OutboxShow';

export default {
  list: OutboxList,
  show: OutboxShow,
  icon: MailOutlinedIcon,
};
