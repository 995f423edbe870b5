/**
 * The demo agency tree that `npm start` loads once into an empty table: a (fictional) prefecture-level
 * city, 江州市, with departments, a district and a county with their own departments and a township.
 * 临溪县 switches `autoConfirmOnline` off, so its online applications wait for an officer to confirm them
 * (docs/domain.md §3).
 */
import type { Agency } from '../../shared/store/agencies.js';

type DemoAgency = Pick<Agency, 'id' | 'name' | 'parentId' | 'autoConfirmOnline' | 'calendarRegion'>;

export const DEMO_AGENCIES: DemoAgency[] = [
  { id: 'jz', name: '江州市人民政府', parentId: null, autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-fgw', name: '江州市发展和改革委员会', parentId: 'jz', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-zrzy', name: '江州市自然资源和规划局', parentId: 'jz', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-zjj', name: '江州市住房和城乡建设局', parentId: 'jz', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-gaj', name: '江州市公安局', parentId: 'jz', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-qingshan', name: '江州市青山区人民政府', parentId: 'jz', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-qingshan-zjj', name: '江州市青山区住房和城乡建设局', parentId: 'jz-qingshan', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-qingshan-hubin', name: '江州市青山区湖滨街道办事处', parentId: 'jz-qingshan', autoConfirmOnline: true, calendarRegion: null },
  { id: 'jz-linxi', name: '临溪县人民政府', parentId: 'jz', autoConfirmOnline: false, calendarRegion: null },
  { id: 'jz-linxi-nyj', name: '临溪县农业农村局', parentId: 'jz-linxi', autoConfirmOnline: false, calendarRegion: null },
  { id: 'jz-linxi-baishi', name: '临溪县白石镇人民政府', parentId: 'jz-linxi', autoConfirmOnline: false, calendarRegion: null },
];

/** The demo officers `npm start` prints tokens for and the console's local "sign in as" list offers. */
export const DEMO_USERS = [
  { id: 'demo-officer', name: '李办事员', role: 'officer', agencyId: 'jz-zjj', agencyName: '江州市住房和城乡建设局' },
  { id: 'demo-supervisor', name: '王科长', role: 'supervisor', agencyId: 'jz-zjj', agencyName: '江州市住房和城乡建设局' },
  { id: 'demo-admin', name: '系统管理员', role: 'admin', agencyId: 'jz', agencyName: '江州市人民政府' },
] as const satisfies readonly { id: string; name: string; role: 'officer' | 'supervisor' | 'admin'; agencyId: string; agencyName: string }[];
