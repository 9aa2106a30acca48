import { Typography } from '@mui/material';
import { Login, LoginForm } from 'react-admin';

export function LoginPage() {
  return (
    <Login>
      <Typography variant="h5" component="h1" align="center" sx={{ mt: 1, fontWeight: 600 }}>
        Argus Ops Console
      </Typography>
      <Typography variant="body2" align="center" color="text.secondary" sx={{ px: 2 }}>
        Staff only. Sign in with your Argus account.
      </Typography>
      <LoginForm />
    </Login>
  );
}
