// /api/v1/admin/*: one small router per resource; each route carries its own guard (route-builders.ts).
import { newRouter } from '../access/router';
import { adminRequestsRoutes } from './admin-requests';
import { adminPeopleRoutes } from './admin-people';
import { adminLoansRoutes } from './admin-loans';
import { adminDevicesRoutes } from './admin-devices';
import { adminAuditRoutes } from './admin-audit';
import { adminHardwareRoutes } from './admin-hardware';
import { adminSoftwareRoutes } from './admin-software';
import { adminHardwareCatalogRoutes } from './admin-hardware-catalog';
import { adminHardwareCsvRoutes } from './admin-hardware-csv';
import { adminDashboardRoutes } from './admin-dashboard';
import { adminMaintenanceRoutes } from './admin-maintenance';

export const adminRoutes = newRouter()
  .route('/', adminRequestsRoutes)
  .route('/', adminPeopleRoutes)
  .route('/', adminLoansRoutes)
  .route('/', adminDevicesRoutes)
  .route('/', adminAuditRoutes)
  // Catalog and CSV first: their static paths must win over /admin/hardware/{id}.
  .route('/', adminHardwareCatalogRoutes)
  .route('/', adminHardwareCsvRoutes)
  .route('/', adminHardwareRoutes)
  .route('/', adminSoftwareRoutes)
  .route('/', adminDashboardRoutes)
  .route('/', adminMaintenanceRoutes);
