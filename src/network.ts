import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';

/** Properties of {@link Network}. */
export interface NetworkProps {
  /** Prefix of the `Name` tags, e.g. `vibejudge-dashboard-dev`. */
  readonly namePrefix: string;
  /**
   * IPv4 block of the VPC.
   * @default 10.0.0.0/16
   */
  readonly vpcCidr?: string;
  /**
   * The two public subnets, placed in the region's first two availability zones.
   * @default ['10.0.1.0/24', '10.0.2.0/24']
   */
  readonly publicSubnetCidrs?: readonly [string, string];
}

/**
 * A VPC with DNS support and two public subnets in two availability zones, routed to an internet
 * gateway. No NAT gateway (requirement 12.7): tasks get public IPs instead.
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  /** One per availability zone, in zone order. */
  public readonly publicSubnets: Subnet[];
  public readonly internetGateway: InternetGateway;
  public readonly routeTable: RouteTable;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const subnetCidrs = props.publicSubnetCidrs ?? ['10.0.1.0/24', '10.0.2.0/24'];

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr ?? '10.0.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.namePrefix },
    });

    // The VPC's default security group is unused; strip its rules so nothing can join it by accident.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.namePrefix}-default-unused` },
    });

    const zones = new DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });

    this.internetGateway = new InternetGateway(this, 'internet-gateway', {
      vpcId: this.vpc.id,
      tags: { Name: props.namePrefix },
    });

    this.routeTable = new RouteTable(this, 'public-route-table', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.namePrefix}-public` },
    });
    new Route(this, 'default-route', {
      routeTableId: this.routeTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });

    this.publicSubnets = subnetCidrs.map((cidrBlock, index) => {
      const subnet = new Subnet(this, `public-subnet-${index + 1}`, {
        vpcId: this.vpc.id,
        cidrBlock,
        availabilityZone: Fn.element(zones.names, index),
        // Tasks get their public IP from the service's network configuration, not from the subnet.
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.namePrefix}-public-${index + 1}` },
        // A zone AWS adds later may shift the data source's order; it must never move an existing subnet.
        lifecycle: { ignoreChanges: ['availability_zone'] },
      });
      new RouteTableAssociation(this, `public-subnet-${index + 1}-route-table`, {
        subnetId: subnet.id,
        routeTableId: this.routeTable.id,
      });
      return subnet;
    });
  }
}
