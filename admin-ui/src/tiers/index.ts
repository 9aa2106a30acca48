import SellOutlinedIcon from '@mui/icons-material/SellOutlined';
import { TierCreate } from './TierCreate';
import { TierEdit } from './TierEdit';
import { TierList } from './TierList';

export default {
  list: TierList,
  create: TierCreate,
  edit: TierEdit,
  icon: SellOutlinedIcon,
};
