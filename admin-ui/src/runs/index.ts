import PlayCircleOutlineIcon from '@mui/icons-material/PlayCircleOutline';
import { RunList } from './RunList';
import { RunShow } from './RunShow';

export default {
  list: RunList,
  show: RunShow,
  icon: PlayCircleOutlineIcon,
};
