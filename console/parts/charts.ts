/**
 * The parts of chart.js the dashboard draws with (bar charts, their scales, legend and tooltip),
 * imported by name so the bundler leaves the rest out; the dashboard loads this module lazily.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
