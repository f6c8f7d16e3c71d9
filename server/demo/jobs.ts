import type { ServiceContext } from '../core/context.js';
import { createJob, listJobs, type JobInput } from '../modules/jobs/service.js';

/**
 * The demo company's comeback jobs: every employment type, public and members-only, one taking
 * applications on the company's own site, Japanese originals with English translations.
 */
export function demoJobs(now: Date): JobInput[] {
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  return [
    {
      title: '法人営業マネージャー（カムバック採用）',
      department: '営業本部',
      location: '東京都港区',
      remotePolicy: 'hybrid',
      employmentType: 'rehire',
      description:
        '## 仕事内容\n\n協働ロボットを導入いただいている製造業のお客さまを担当し、5 名のチームを率いていただきます。\n\n- 既存のお客さまへの追加提案\n- 新しい業界（食品・物流）の開拓\n- チームの育成\n\nミライを卒業してから身につけた経験を、ぜひ持ち帰ってください。',
      requirements: '- 法人営業の経験 5 年以上\n- マネジメント経験（規模は問いません）\n- **歓迎**: 製造業のお客さまとのお仕事の経験',
      salaryMin: 8_000_000,
      salaryMax: 11_000_000,
      salaryUnit: 'year',
      visibility: 'public',
      status: 'open',
      translations: {
        en: {
          title: 'Corporate sales manager (rehire)',
          department: 'Sales',
          location: 'Minato, Tokyo',
          description: '## The work\n\nLead a team of five looking after manufacturers that use our collaborative robots.\n\n- Proposals to existing customers\n- Opening new industries (food, logistics)\n- Growing the team',
          requirements: '- Five years or more of B2B sales\n- Some management experience',
        },
      },
    },
    {
      title: 'UI デザイン（副業・週 1 日から）',
      department: 'デザイン室',
      location: 'フルリモート',
      remotePolicy: 'remote',
      employmentType: 'side_job',
      description: '工場向けアプリ「ミライ ライン」の画面設計を、週 1 日からお手伝いください。オンラインで完結します。',
      requirements: '- 業務アプリの UI デザインの経験\n- Figma',
      salaryMin: 5_000,
      salaryMax: 8_000,
      salaryUnit: 'hour',
      visibility: 'public',
      status: 'open',
      closesAt: inDays(30),
      translations: { en: { title: 'UI design (side job, from one day a week)', department: 'Design', location: 'Fully remote', description: 'Design screens for our factory app “Mirai Line”, from one day a week, fully online.' } },
    },
    {
      title: '生産技術エンジニア（契約社員）',
      department: '生産技術部',
      location: '大阪府東大阪市',
      remotePolicy: 'onsite',
      employmentType: 'contract',
      description: '東大阪工場の自動化ラインの立ち上げを担当していただきます。応募は採用サイトから受け付けています。',
      requirements: '- 生産設備の立ち上げ経験',
      visibility: 'public',
      status: 'open',
      applyUrl: 'https://example.com/mirai/careers/apply/production-engineer',
      translations: { en: { title: 'Production engineer (contract)', department: 'Production engineering', location: 'Higashiosaka, Osaka', description: 'Start up the automated line at our Higashiosaka plant. Applications go through our careers site.' } },
    },
    {
      title: '新規事業の立ち上げ支援（業務委託）',
      department: '経営企画室',
      location: '東京都港区 / リモート可',
      remotePolicy: 'hybrid',
      employmentType: 'freelance',
      description: 'まだ社外に公開していない新規事業の立ち上げを、業務委託で 3 か月ご一緒いただける方を探しています。詳細はカジュアル面談でお話しします。',
      requirements: '- 新規事業の立ち上げ経験',
      salaryMin: 600_000,
      salaryMax: 900_000,
      salaryUnit: 'month',
      visibility: 'members',
      status: 'open',
      translations: { en: { title: 'New business launch (freelance)', department: 'Corporate planning', location: 'Minato, Tokyo / remote possible', description: 'Help us launch a business we have not announced yet, for three months. Details in a casual meeting.' } },
    },
    {
      title: '社内 DX 研修の講師（プロジェクト）',
      department: '人事部',
      location: 'オンライン',
      remotePolicy: 'remote',
      employmentType: 'project',
      description: '現場のリーダー向けに、データ活用の研修（全 4 回）をお願いできる方を探しています。',
      visibility: 'public',
      status: 'open',
      translations: { en: { title: 'Trainer for our in-house DX course (project)', department: 'Human resources', location: 'Online', description: 'Teach a four-part course on using data to our team leaders.' } },
    },
  ];
}

/** Adds the demo jobs once (a tenant with any job keeps its own). */
export async function seedDemoJobs(ctx: ServiceContext): Promise<void> {
  const any = await listJobs(ctx, { limit: 1 }, 'admin');
  if (any.data.length) return;
  const jobs = demoJobs(ctx.now);
  // A minute apart, the first newest: the board lists them in this order.
  for (const [i, job] of jobs.entries()) await createJob({ ...ctx, now: new Date(ctx.now.getTime() - i * 60_000) }, job);
}
