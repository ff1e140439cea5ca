export { connector, connector as default } from './connector.js';
