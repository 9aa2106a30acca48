import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { SystemLogList } from './SystemLogList';
import { SystemLogShow } from './SystemLogShow';

export default {
  list: SystemLogList,
  show: SystemLogShow,
  icon: ReceiptLongIcon,
};
