import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';

/** Properties of {@link Registry}. */
export interface RegistryProps {
  /** Repository name, e.g. `vibejudge-dashboard-dev`. */
  readonly repositoryName: string;
  /**
   * How many images the lifecycle policy keeps (requirement 2.2).
   * @default 10
   */
  readonly maxImageCount?: number;
  /**
   * Destroying the stack deletes the repository even when it holds images.
   * @default false
   */
  readonly forceDelete?: boolean;
}

/**
 * The ECR repository: scan on push, KMS encryption (AWS-managed key), tags immutable except `latest`
 * (so a commit tag always names one image while `latest` can move), and a lifecycle policy that keeps
 * the most recent images.
 */
export class Registry extends Construct {
  public readonly repository: EcrRepository;
  public readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** The number of images kept. */
  public readonly maxImageCount: number;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    this.maxImageCount = props.maxImageCount ?? 10;

    this.repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilter: [{ filter: 'latest', filterType: 'WILDCARD' }],
      imageScanningConfiguration: { scanOnPush: true },
      // KMS with the AWS-managed aws/ecr key: no key to pay for, and checkov's KMS check holds.
      encryptionConfiguration: [{ encryptionType: 'KMS' }],
      forceDelete: props.forceDelete ?? false,
    });

    this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'lifecycle-policy', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Keep only the ${this.maxImageCount} most recent images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: this.maxImageCount },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }
}
