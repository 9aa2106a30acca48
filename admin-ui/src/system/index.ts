import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { SystemPage } from './SystemPage';

// A page, not a list: a resource with only a list view, so react-admin puts "System" in the menu at /system.
export default {
  list: SystemPage,
  icon: MonitorHeartIcon,
  options: { label: 'System' },
};
