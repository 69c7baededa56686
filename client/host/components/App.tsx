import { useHostStore } from '../store/index.ts';
import { selectSignedIn } from '../store/selectors.ts';
import { LoginScreen } from './LoginScreen.tsx';
import { Shell } from './Shell.tsx';

export function App() {
  const signedIn = useHostStore(selectSignedIn);
  return signedIn ? <Shell /> : <LoginScreen />;
}
