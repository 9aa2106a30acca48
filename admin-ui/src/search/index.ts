import SearchIcon from '@mui/icons-material/Search';
import { StaffSearchPage } from './StaffSearchPage';

// A page, not a list: a resource with only a list view, so react-admin puts "Search" in the menu at /search.
export default {
  list: StaffSearchPage,
  icon: SearchIcon,
  options: { label: 'Search' },
};
