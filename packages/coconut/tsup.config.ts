import { connectorBuild } from '@connectors/contract/build';

export default connectorBuild();
