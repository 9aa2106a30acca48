import SettingsOutlinedIcon from '@mui/icons-material/SettingsOutlined';
import { SettingsPage } from './SettingsPage';

// A page, not a list: a resource with only a list view, so react-admin puts "Settings" in the menu at /settings.
export default {
  list: SettingsPage,
  icon: SettingsOutlinedIcon,
  options: { label: 'Settings' },
};
