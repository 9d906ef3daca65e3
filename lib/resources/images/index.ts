export { imageRoutes } from './images.js';
