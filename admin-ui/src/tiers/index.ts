import SellOutlinedIcon from '@mui/icons-material/SellOutlined';
import { TierEdit } from './TierEdit';
import { TierList } from './TierList';

export default {
  list: TierList,
  edit: TierEdit,
  icon: SellOutlinedIcon,
};
