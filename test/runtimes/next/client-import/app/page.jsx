// A server page that renders a client component; the mistake is in that component.
import { PayButton } from './pay-button';

export default function Page() {
  return <PayButton />;
}
