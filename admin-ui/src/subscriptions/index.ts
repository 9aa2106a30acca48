import CardMembershipOutlinedIcon from '@mui/icons-material/CardMembershipOutlined';
import { SubscriptionList } from './SubscriptionList';
import { SubscriptionShow } from './SubscriptionShow';

export default {
  list: SubscriptionList,
  show: SubscriptionShow,
  icon: CardMembershipOutlinedIcon,
};
