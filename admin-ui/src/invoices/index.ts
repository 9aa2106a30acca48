import ReceiptLongOutlinedIcon from '@mui/icons-material/ReceiptLongOutlined';
import { InvoiceList } from './InvoiceList';
import { InvoiceShow } from './InvoiceShow';

export default {
  list: InvoiceList,
  show: InvoiceShow,
  icon: ReceiptLongOutlinedIcon,
};
