import { selectSignedIn } from '../store/selectors.ts';
import { LoginScreen } from './LoginScreen.tsx';
import { Shell } from './Shell.tsx';
import { useHost } from '../hooks.ts';

export function App() {
  const signedIn = useHost(selectSignedIn);
  return signedIn ? <Shell /> : <LoginScreen />;
}
