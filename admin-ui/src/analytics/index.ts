import InsightsIcon from '@mui/icons-material/Insights';
import { PlatformAnalytics } from './PlatformAnalytics';

// A resource with only a list page, so react-admin puts "Analytics" in the menu at /analytics.
export default {
  list: PlatformAnalytics,
  icon: InsightsIcon,
  options: { label: 'Analytics' },
};
